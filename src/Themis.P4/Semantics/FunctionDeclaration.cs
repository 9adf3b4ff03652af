using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>A P4 function (<c>bit&lt;8&gt; f(in bit&lt;8&gt; x) { return x; }</c>).</summary>
public sealed class FunctionDeclaration : IVariableOwner
{
    private readonly List<Variable> _variables = [];

    internal FunctionDeclaration(string name, P4Type returnType, IReadOnlyList<Annotation> annotations)
    {
        Name = name;
        ReturnType = returnType;
        Annotations = annotations;
    }

    public string Name { get; }

    public P4Type ReturnType { get; }

    public IReadOnlyList<Annotation> Annotations { get; }

    public IReadOnlyList<Parameter> Parameters { get; internal set; } = [];

    public IReadOnlyList<Variable> Variables => _variables;

    public BlockStatement Body { get; internal set; } = BlockStatement.Empty;

    internal List<Variable> MutableVariables => _variables;

    public override string ToString() => Name;
}
