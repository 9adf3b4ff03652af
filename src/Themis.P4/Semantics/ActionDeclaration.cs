using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>An action, at the top level (<see cref="Control"/> null) or inside a control.</summary>
public sealed class ActionDeclaration : IVariableOwner
{
    private readonly List<Variable> _variables = [];

    internal ActionDeclaration(string name, string controlPlaneName, ControlDeclaration? control, IReadOnlyList<Annotation> annotations, TextSpan span)
    {
        Name = name;
        ControlPlaneName = controlPlaneName;
        Control = control;
        Annotations = annotations;
        Span = span;
    }

    public string Name { get; }

    /// <summary><c>MyIngress.set_port</c>, or <c>NoAction</c> for a top-level action; honours <c>@name</c>.</summary>
    public string ControlPlaneName { get; internal set; }

    public ControlDeclaration? Control { get; }

    public IReadOnlyList<Annotation> Annotations { get; }

    public TextSpan Span { get; }

    public IReadOnlyList<Parameter> Parameters { get; internal set; } = [];

    /// <summary>The direction-less parameters, supplied by the control plane (table entry action data).</summary>
    public IEnumerable<Parameter> DataParameters => Parameters.Where(p => p.Direction == ParameterDirection.None);

    public IReadOnlyList<Variable> Variables => _variables;

    public BlockStatement Body { get; internal set; } = BlockStatement.Empty;

    internal List<Variable> MutableVariables => _variables;

    public override string ToString() => ControlPlaneName;
}
