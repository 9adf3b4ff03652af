using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

// ---------------------------------------------------------------- types

public abstract record TypeSyntax(TextSpan Span) : SyntaxNode(Span);
