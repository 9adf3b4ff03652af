using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record SelectCaseSyntax(ExpressionSyntax Keyset, string State, TextSpan StateSpan, TextSpan Span) : SyntaxNode(Span);
