using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record ControlSyntax(IReadOnlyList<Annotation> Annotations, string Name, TextSpan NameSpan, IReadOnlyList<string> TypeParameters, IReadOnlyList<ParameterSyntax> Parameters, IReadOnlyList<ParameterSyntax> ConstructorParameters, IReadOnlyList<DeclarationSyntax> Locals, BlockSyntax? Apply, TextSpan Span)
    : DeclarationSyntax(Annotations, Name, NameSpan, Span);
