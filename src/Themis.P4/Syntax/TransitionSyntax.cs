using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary>The transition of a state: a state name, or a select over expressions.</summary>
public sealed record TransitionSyntax(string? State, TextSpan StateSpan, IReadOnlyList<ExpressionSyntax>? SelectExpressions, IReadOnlyList<SelectCaseSyntax>? Cases, TextSpan Span) : SyntaxNode(Span);
