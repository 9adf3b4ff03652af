using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary><c>e[high:low]</c>; the result is <c>bit&lt;high-low+1&gt;</c>.</summary>
public sealed class SliceExpression(BoundExpression target, int high, int low, TextSpan span) : BoundExpression(BitsType.Get(high - low + 1, false), span)
{
    public BoundExpression Target { get; } = target;

    public int High { get; } = high;

    public int Low { get; } = low;

    public override string ToString() => $"{Target}[{High}:{Low}]";
}
