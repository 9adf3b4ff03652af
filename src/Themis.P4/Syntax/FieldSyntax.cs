using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record FieldSyntax(IReadOnlyList<Annotation> Annotations, TypeSyntax Type, string Name, TextSpan NameSpan, TextSpan Span) : SyntaxNode(Span);
