using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary>Binary operator, including <c>++</c>, <c>|+|</c>, <c>&amp;&amp;&amp;</c> and <c>..</c> (the last two only in keysets).</summary>
public sealed record BinarySyntax(string Operator, ExpressionSyntax Left, ExpressionSyntax Right, TextSpan OperatorSpan, TextSpan Span) : ExpressionSyntax(Span);
