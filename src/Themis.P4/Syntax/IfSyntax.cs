using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record IfSyntax(ExpressionSyntax Condition, StatementSyntax Then, StatementSyntax? Else, TextSpan Span) : StatementSyntax(Span);
