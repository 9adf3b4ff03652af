using System.Numerics;
using Themis.P4.Syntax;

namespace Themis.P4.Semantics;

/// <summary><c>tuple&lt;...&gt;</c>, also the type of a list expression <c>{a, b}</c>.</summary>
public sealed class TupleType : P4Type
{
    public TupleType(IReadOnlyList<P4Type> elements)
    {
        Elements = elements;
    }

    public IReadOnlyList<P4Type> Elements { get; }

    protected override bool IsSameAs(P4Type other) =>
        other is TupleType t && t.Elements.Count == Elements.Count && Elements.Zip(t.Elements).All(p => Same(p.First, p.Second));

    public override string ToString() => $"tuple<{string.Join(", ", Elements)}>";
}
