using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

public sealed class ReturnStatement(BoundExpression? value, TextSpan span) : BoundStatement(span)
{
    public BoundExpression? Value { get; } = value;
}
