using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary>A function, extern function or method prototype; <c>Body</c> null for prototypes.</summary>
public sealed record FunctionSyntax(IReadOnlyList<Annotation> Annotations, TypeSyntax? ReturnType, string Name, TextSpan NameSpan, IReadOnlyList<string> TypeParameters, IReadOnlyList<ParameterSyntax> Parameters, BlockSyntax? Body, bool IsAbstract, TextSpan Span)
    : DeclarationSyntax(Annotations, Name, NameSpan, Span);
