using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary><c>_</c>.</summary>
public sealed record DontCareSyntax(TextSpan Span) : ExpressionSyntax(Span);
