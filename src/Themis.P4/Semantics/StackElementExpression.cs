using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary><c>stack[index]</c>.</summary>
public sealed class StackElementExpression(BoundExpression stack, BoundExpression index, P4Type elementType, TextSpan span) : BoundExpression(elementType, span)
{
    public BoundExpression Stack { get; } = stack;

    public BoundExpression Index { get; } = index;

    public override string ToString() => $"{Stack}[{Index}]";
}
