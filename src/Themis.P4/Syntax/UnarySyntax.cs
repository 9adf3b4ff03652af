using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary>Unary operator: <c>!</c>, <c>~</c>, <c>-</c>, <c>+</c>.</summary>
public sealed record UnarySyntax(string Operator, ExpressionSyntax Operand, TextSpan Span) : ExpressionSyntax(Span);
