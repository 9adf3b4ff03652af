using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary><c>header</c>, <c>header_union</c> or <c>struct</c>.</summary>
public sealed record StructLikeSyntax(IReadOnlyList<Annotation> Annotations, string Keyword, string Name, TextSpan NameSpan, IReadOnlyList<FieldSyntax> Fields, TextSpan Span)
    : DeclarationSyntax(Annotations, Name, NameSpan, Span);
