using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary><c>{ a, b }</c>: a tuple/list, or a header/struct value when the context wants one.</summary>
public sealed record ListSyntax(IReadOnlyList<ExpressionSyntax> Elements, TextSpan Span) : ExpressionSyntax(Span);
