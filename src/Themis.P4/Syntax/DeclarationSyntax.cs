using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

// ---------------------------------------------------------------- declarations

public abstract record DeclarationSyntax(IReadOnlyList<Annotation> Annotations, string Name, TextSpan NameSpan, TextSpan Span) : SyntaxNode(Span);
