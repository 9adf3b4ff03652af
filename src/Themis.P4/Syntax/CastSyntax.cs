using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record CastSyntax(TypeSyntax Type, ExpressionSyntax Operand, TextSpan Span) : ExpressionSyntax(Span);
