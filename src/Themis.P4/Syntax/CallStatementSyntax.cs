using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record CallStatementSyntax(ExpressionSyntax Call, TextSpan Span) : StatementSyntax(Span);
