using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

public sealed class UnaryExpression(UnaryOperator op, BoundExpression operand, P4Type type, TextSpan span) : BoundExpression(type, span)
{
    public UnaryOperator Operator { get; } = op;

    public BoundExpression Operand { get; } = operand;
}
