using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

public sealed class ConditionalExpression(BoundExpression condition, BoundExpression whenTrue, BoundExpression whenFalse, TextSpan span) : BoundExpression(whenTrue.Type, span)
{
    public BoundExpression Condition { get; } = condition;

    public BoundExpression WhenTrue { get; } = whenTrue;

    public BoundExpression WhenFalse { get; } = whenFalse;
}
