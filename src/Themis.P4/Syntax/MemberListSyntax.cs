using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary><c>error { ... }</c> or <c>match_kind { ... }</c> (Name is the keyword).</summary>
public sealed record MemberListSyntax(IReadOnlyList<Annotation> Annotations, string Name, IReadOnlyList<(string Name, TextSpan Span)> Members, TextSpan Span)
    : DeclarationSyntax(Annotations, Name, Span, Span);
