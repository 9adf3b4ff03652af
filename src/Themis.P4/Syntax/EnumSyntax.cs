using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record EnumSyntax(IReadOnlyList<Annotation> Annotations, TypeSyntax? UnderlyingType, string Name, TextSpan NameSpan, IReadOnlyList<EnumMemberSyntax> Members, TextSpan Span)
    : DeclarationSyntax(Annotations, Name, NameSpan, Span);
