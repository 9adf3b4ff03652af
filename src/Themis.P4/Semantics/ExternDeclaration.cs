using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>An extern object type declaration (<c>extern register&lt;T&gt; { ... }</c>).</summary>
public sealed class ExternDeclaration
{
    private readonly List<ExternMethod> _methods = [];

    internal ExternDeclaration(string name, IReadOnlyList<TypeParameter> typeParameters, IReadOnlyList<Annotation> annotations)
    {
        Name = name;
        TypeParameters = typeParameters;
        Annotations = annotations;
    }

    public string Name { get; }

    public IReadOnlyList<TypeParameter> TypeParameters { get; }

    public IReadOnlyList<ExternMethod> Methods => _methods;

    public IReadOnlyList<Annotation> Annotations { get; }

    internal void Add(ExternMethod m) => _methods.Add(m);

    public override string ToString() => Name;
}
