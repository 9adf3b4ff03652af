using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record AssignmentSyntax(ExpressionSyntax Target, ExpressionSyntax Value, TextSpan Span) : StatementSyntax(Span);
