using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>A built-in method of headers and stacks (<c>h.isValid()</c>, <c>s.push_front(1)</c>, ...).</summary>
public sealed class BuiltinMethodCall(BoundExpression target, BuiltinMethod method, IReadOnlyList<BoundExpression> arguments, P4Type type, TextSpan span)
    : BoundExpression(type, span)
{
    public BoundExpression Target { get; } = target;

    public BuiltinMethod Method { get; } = method;

    /// <summary>For push_front/pop_front: the (constant) count.</summary>
    public IReadOnlyList<BoundExpression> Arguments { get; } = arguments;
}
