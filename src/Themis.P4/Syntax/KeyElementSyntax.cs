using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record KeyElementSyntax(IReadOnlyList<Annotation> Annotations, ExpressionSyntax Expression, string MatchKind, TextSpan MatchKindSpan, TextSpan Span) : SyntaxNode(Span);
