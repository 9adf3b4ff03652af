using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>A conversion to <see cref="BoundExpression.Type"/> (explicit, or implicit from an integer literal).</summary>
public sealed class CastExpression(P4Type type, BoundExpression operand, TextSpan span) : BoundExpression(type, span)
{
    public BoundExpression Operand { get; } = operand;
}
