using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record VariableSyntax(IReadOnlyList<Annotation> Annotations, TypeSyntax Type, string Name, TextSpan NameSpan, ExpressionSyntax? Initializer, TextSpan Span)
    : DeclarationSyntax(Annotations, Name, NameSpan, Span);
