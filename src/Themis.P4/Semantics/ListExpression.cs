using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary><c>{a, b}</c> as a tuple/list value.</summary>
public sealed class ListExpression(TupleType type, IReadOnlyList<BoundExpression> elements, TextSpan span) : BoundExpression(type, span)
{
    public IReadOnlyList<BoundExpression> Elements { get; } = elements;

    public override bool IsConstant => Elements.All(e => e.IsConstant);
}
