using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>An extern function (<c>extern void mark_to_drop(...)</c>); overloads are separate objects with the same name.</summary>
public sealed class ExternFunction
{
    internal ExternFunction(string name, IReadOnlyList<TypeParameter> typeParameters, P4Type returnType, IReadOnlyList<Parameter> parameters, IReadOnlyList<Annotation> annotations)
    {
        Name = name;
        TypeParameters = typeParameters;
        ReturnType = returnType;
        Parameters = parameters;
        Annotations = annotations;
    }

    public string Name { get; }

    public IReadOnlyList<TypeParameter> TypeParameters { get; }

    public P4Type ReturnType { get; }

    public IReadOnlyList<Parameter> Parameters { get; }

    public IReadOnlyList<Annotation> Annotations { get; }

    public override string ToString() => $"{ReturnType} {Name}({string.Join(", ", Parameters)})";
}
