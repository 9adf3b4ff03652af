using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>A binary operation; both operands already have the operation's type (except shifts, concat and comparisons).</summary>
public sealed class BinaryExpression(BinaryOperator op, BoundExpression left, BoundExpression right, P4Type type, TextSpan span) : BoundExpression(type, span)
{
    public BinaryOperator Operator { get; } = op;

    public BoundExpression Left { get; } = left;

    public BoundExpression Right { get; } = right;
}
