using System.Numerics;
using Themis.P4.Syntax;

namespace Themis.P4.Semantics;

/// <summary>A header stack <c>H[N]</c>.</summary>
public sealed class StackType : P4Type
{
    public StackType(P4Type element, int size)
    {
        Element = element;
        Size = size;
    }

    public P4Type Element { get; }

    public int Size { get; }

    protected override bool IsSameAs(P4Type other) => other is StackType s && s.Size == Size && Same(s.Element, Element);

    public override string ToString() => $"{Element}[{Size}]";
}
