using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record ActionSyntax(IReadOnlyList<Annotation> Annotations, string Name, TextSpan NameSpan, IReadOnlyList<ParameterSyntax> Parameters, BlockSyntax Body, TextSpan Span)
    : DeclarationSyntax(Annotations, Name, NameSpan, Span);
