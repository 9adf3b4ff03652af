using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record ActionsPropertySyntax(IReadOnlyList<Annotation> Annotations, IReadOnlyList<ActionReferenceSyntax> Actions, TextSpan NameSpan, TextSpan Span)
    : TablePropertySyntax(Annotations, "actions", false, NameSpan, Span);
