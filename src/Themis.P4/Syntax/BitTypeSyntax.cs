using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary><c>bit&lt;W&gt;</c>, <c>int&lt;W&gt;</c>, <c>varbit&lt;W&gt;</c>, or <c>int</c> (no width: infinite precision).</summary>
public sealed record BitTypeSyntax(string Keyword, ExpressionSyntax? Width, TextSpan Span) : TypeSyntax(Span);
