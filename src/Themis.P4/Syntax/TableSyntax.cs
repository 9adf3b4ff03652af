using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record TableSyntax(IReadOnlyList<Annotation> Annotations, string Name, TextSpan NameSpan, IReadOnlyList<TablePropertySyntax> Properties, TextSpan Span)
    : DeclarationSyntax(Annotations, Name, NameSpan, Span);
