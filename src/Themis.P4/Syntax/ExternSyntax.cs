using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record ExternSyntax(IReadOnlyList<Annotation> Annotations, string Name, TextSpan NameSpan, IReadOnlyList<string> TypeParameters, IReadOnlyList<FunctionSyntax> Methods, TextSpan Span)
    : DeclarationSyntax(Annotations, Name, NameSpan, Span);
