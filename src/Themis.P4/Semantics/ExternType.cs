using System.Numerics;
using Themis.P4.Syntax;

namespace Themis.P4.Semantics;

/// <summary>An extern object type, possibly specialised (<c>register&lt;bit&lt;32&gt;&gt;</c>).</summary>
public sealed class ExternType : P4Type
{
    public ExternType(ExternDeclaration declaration, IReadOnlyList<P4Type> typeArguments)
    {
        Declaration = declaration;
        TypeArguments = typeArguments;
    }

    public ExternDeclaration Declaration { get; }

    public IReadOnlyList<P4Type> TypeArguments { get; }

    protected override bool IsSameAs(P4Type other) =>
        other is ExternType e && e.Declaration == Declaration && e.TypeArguments.Count == TypeArguments.Count
        && TypeArguments.Zip(e.TypeArguments).All(p => Same(p.First, p.Second));

    public override string ToString() => TypeArguments.Count == 0 ? Declaration.Name : $"{Declaration.Name}<{string.Join(", ", TypeArguments)}>";
}
