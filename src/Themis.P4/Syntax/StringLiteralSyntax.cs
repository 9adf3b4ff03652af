using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record StringLiteralSyntax(string Value, TextSpan Span) : ExpressionSyntax(Span);
