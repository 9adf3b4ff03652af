using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary><c>typedef T name;</c> or (when <c>IsNewType</c>) <c>type T name;</c>.</summary>
public sealed record TypedefSyntax(IReadOnlyList<Annotation> Annotations, TypeSyntax Type, string Name, TextSpan NameSpan, bool IsNewType, TextSpan Span)
    : DeclarationSyntax(Annotations, Name, NameSpan, Span);
