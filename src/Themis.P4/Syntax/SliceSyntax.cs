using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record SliceSyntax(ExpressionSyntax Target, ExpressionSyntax High, ExpressionSyntax Low, TextSpan Span) : ExpressionSyntax(Span);
