using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary><c>parser</c>, <c>control</c> or <c>package</c> type declaration (a prototype without a body).</summary>
public sealed record BlockTypeSyntax(IReadOnlyList<Annotation> Annotations, string Keyword, string Name, TextSpan NameSpan, IReadOnlyList<string> TypeParameters, IReadOnlyList<ParameterSyntax> Parameters, TextSpan Span)
    : DeclarationSyntax(Annotations, Name, NameSpan, Span);
