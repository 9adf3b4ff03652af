using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>A call used as a statement (any <see cref="CallExpression"/> or <see cref="BuiltinMethodCall"/>).</summary>
public sealed class CallStatement(BoundExpression call, TextSpan span) : BoundStatement(span)
{
    public BoundExpression Call { get; } = call;
}
