using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary><c>Type(args) name;</c> — an extern, parser, control or package instance.</summary>
public sealed record InstantiationSyntax(IReadOnlyList<Annotation> Annotations, TypeSyntax Type, IReadOnlyList<ArgumentSyntax> Arguments, string Name, TextSpan NameSpan, TextSpan Span)
    : DeclarationSyntax(Annotations, Name, NameSpan, Span);
