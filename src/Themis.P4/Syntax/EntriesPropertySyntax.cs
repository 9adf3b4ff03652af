using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record EntriesPropertySyntax(IReadOnlyList<Annotation> Annotations, bool IsConst, IReadOnlyList<EntrySyntax> Entries, TextSpan NameSpan, TextSpan Span)
    : TablePropertySyntax(Annotations, "entries", IsConst, NameSpan, Span);
