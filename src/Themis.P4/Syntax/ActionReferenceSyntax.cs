using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record ActionReferenceSyntax(IReadOnlyList<Annotation> Annotations, ExpressionSyntax Expression, TextSpan Span) : SyntaxNode(Span);
