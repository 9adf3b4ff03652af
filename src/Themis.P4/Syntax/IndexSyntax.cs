using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record IndexSyntax(ExpressionSyntax Target, ExpressionSyntax Index, TextSpan Span) : ExpressionSyntax(Span);
