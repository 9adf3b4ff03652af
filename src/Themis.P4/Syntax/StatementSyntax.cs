using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

// ---------------------------------------------------------------- statements

public abstract record StatementSyntax(TextSpan Span) : SyntaxNode(Span);
