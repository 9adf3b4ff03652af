using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record EntrySyntax(IReadOnlyList<Annotation> Annotations, bool IsConst, ExpressionSyntax? Priority, ExpressionSyntax Keyset, ExpressionSyntax Action, TextSpan Span) : SyntaxNode(Span);
