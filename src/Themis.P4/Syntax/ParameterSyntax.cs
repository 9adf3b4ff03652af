using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record ParameterSyntax(IReadOnlyList<Annotation> Annotations, ParameterDirection Direction, TypeSyntax Type, string Name, TextSpan NameSpan, ExpressionSyntax? Default, TextSpan Span) : SyntaxNode(Span);
