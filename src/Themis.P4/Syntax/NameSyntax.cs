using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary>A name; <c>IsGlobal</c> for <c>.name</c> (the top-level scope).</summary>
public sealed record NameSyntax(string Name, bool IsGlobal, TextSpan Span) : ExpressionSyntax(Span);
