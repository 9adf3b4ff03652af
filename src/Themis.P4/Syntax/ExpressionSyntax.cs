using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

// ---------------------------------------------------------------- expressions

public abstract record ExpressionSyntax(TextSpan Span) : SyntaxNode(Span);
