using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record KeyPropertySyntax(IReadOnlyList<Annotation> Annotations, IReadOnlyList<KeyElementSyntax> Elements, TextSpan NameSpan, TextSpan Span)
    : TablePropertySyntax(Annotations, "key", false, NameSpan, Span);
