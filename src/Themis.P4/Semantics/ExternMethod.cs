using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>A method of an extern object (or a constructor, when <see cref="IsConstructor"/>).</summary>
public sealed class ExternMethod
{
    internal ExternMethod(string name, IReadOnlyList<TypeParameter> typeParameters, P4Type returnType, IReadOnlyList<Parameter> parameters, bool isConstructor, IReadOnlyList<Annotation> annotations)
    {
        Name = name;
        TypeParameters = typeParameters;
        ReturnType = returnType;
        Parameters = parameters;
        IsConstructor = isConstructor;
        Annotations = annotations;
    }

    public string Name { get; }

    public IReadOnlyList<TypeParameter> TypeParameters { get; }

    public P4Type ReturnType { get; }

    public IReadOnlyList<Parameter> Parameters { get; }

    public bool IsConstructor { get; }

    public IReadOnlyList<Annotation> Annotations { get; }

    public override string ToString() => $"{ReturnType} {Name}({string.Join(", ", Parameters)})";
}
