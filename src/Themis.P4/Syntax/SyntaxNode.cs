using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary>Base of every syntax node: immutable, with the span of text it covers.</summary>
public abstract record SyntaxNode(TextSpan Span);
