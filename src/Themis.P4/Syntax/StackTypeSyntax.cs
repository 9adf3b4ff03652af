using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record StackTypeSyntax(TypeSyntax Element, ExpressionSyntax Size, TextSpan Span) : TypeSyntax(Span);
