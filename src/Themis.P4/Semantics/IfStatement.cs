using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

public sealed class IfStatement(BoundExpression condition, BoundStatement then, BoundStatement? @else, TextSpan span) : BoundStatement(span)
{
    public BoundExpression Condition { get; } = condition;

    public BoundStatement Then { get; } = then;

    public BoundStatement? Else { get; } = @else;
}
