using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

public sealed class ControlDeclaration : IP4Block
{
    private readonly List<Variable> _variables = [];

    internal ControlDeclaration(string name, string controlPlanePrefix, IReadOnlyList<Annotation> annotations, TextSpan span)
    {
        Name = name;
        ControlPlanePrefix = controlPlanePrefix;
        Annotations = annotations;
        Span = span;
    }

    public string Name { get; }

    /// <summary>The prefix of the control-plane names of its tables, actions and externs (<c>MyIngress</c>).</summary>
    public string ControlPlanePrefix { get; internal set; }

    public IReadOnlyList<Annotation> Annotations { get; }

    public TextSpan Span { get; }

    public IReadOnlyList<Parameter> Parameters { get; internal set; } = [];

    public IReadOnlyList<Variable> Variables => _variables;

    public IReadOnlyList<ExternInstance> Instances { get; internal set; } = [];

    public IReadOnlyList<SubBlockInstance> SubInstances { get; internal set; } = [];

    public IReadOnlyList<BoundStatement> LocalInitializers { get; internal set; } = [];

    public IReadOnlyList<ActionDeclaration> Actions { get; internal set; } = [];

    public IReadOnlyList<TableDeclaration> Tables { get; internal set; } = [];

    public BlockStatement Apply { get; internal set; } = BlockStatement.Empty;

    internal List<Variable> MutableVariables => _variables;

    public override string ToString() => Name;
}
