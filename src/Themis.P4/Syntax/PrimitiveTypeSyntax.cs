using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary><c>bool</c>, <c>error</c>, <c>string</c>, <c>void</c>, <c>match_kind</c>.</summary>
public sealed record PrimitiveTypeSyntax(string Keyword, TextSpan Span) : TypeSyntax(Span);
