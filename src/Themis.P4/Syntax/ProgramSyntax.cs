using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary>A whole preprocessed program.</summary>
public sealed record ProgramSyntax(IReadOnlyList<DeclarationSyntax> Declarations, TextSpan Span) : SyntaxNode(Span);
