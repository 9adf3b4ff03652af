using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary>A type used where an expression is expected: <c>bit&lt;8&gt;</c> in <c>T.minSizeInBits()</c> or a constructor call target.</summary>
public sealed record TypeExpressionSyntax(TypeSyntax Type, TextSpan Span) : ExpressionSyntax(Span);
