using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary>A declaration the front end parses but does not support (reported by the checker).</summary>
public sealed record UnsupportedDeclarationSyntax(IReadOnlyList<Annotation> Annotations, string Name, TextSpan NameSpan, string What, TextSpan Span)
    : DeclarationSyntax(Annotations, Name, NameSpan, Span);
