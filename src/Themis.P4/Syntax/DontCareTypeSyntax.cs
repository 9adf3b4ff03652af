using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary><c>_</c> as a type argument.</summary>
public sealed record DontCareTypeSyntax(TextSpan Span) : TypeSyntax(Span);
