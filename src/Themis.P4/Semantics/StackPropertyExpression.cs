using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

public sealed class StackPropertyExpression(BoundExpression stack, StackProperty property, P4Type type, TextSpan span) : BoundExpression(type, span)
{
    public BoundExpression Stack { get; } = stack;

    public StackProperty Property { get; } = property;

    public override string ToString() => $"{Stack}.{Property}";
}
