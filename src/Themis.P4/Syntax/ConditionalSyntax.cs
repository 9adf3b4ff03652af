using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record ConditionalSyntax(ExpressionSyntax Condition, ExpressionSyntax WhenTrue, ExpressionSyntax WhenFalse, TextSpan Span) : ExpressionSyntax(Span);
