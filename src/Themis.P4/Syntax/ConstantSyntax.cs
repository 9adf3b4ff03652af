using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record ConstantSyntax(IReadOnlyList<Annotation> Annotations, TypeSyntax Type, string Name, TextSpan NameSpan, ExpressionSyntax Value, TextSpan Span)
    : DeclarationSyntax(Annotations, Name, NameSpan, Span);
