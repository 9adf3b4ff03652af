using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>A checked expression; <see cref="Type"/> is always set (after implicit casts).</summary>
public abstract class BoundExpression(P4Type type, TextSpan span)
{
    public P4Type Type { get; } = type;

    public TextSpan Span { get; } = span;

    /// <summary>True when the value is known at compile time (folded).</summary>
    public virtual bool IsConstant => false;
}
