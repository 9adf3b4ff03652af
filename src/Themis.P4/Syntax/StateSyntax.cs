using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record StateSyntax(IReadOnlyList<Annotation> Annotations, string Name, TextSpan NameSpan, IReadOnlyList<StatementSyntax> Statements, TransitionSyntax? Transition, TextSpan Span)
    : DeclarationSyntax(Annotations, Name, NameSpan, Span);
