using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record IntegerLiteralSyntax(BigInteger Value, int? Width, bool Signed, string Text, TextSpan Span) : ExpressionSyntax(Span);
