using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary><c>default</c> in a keyset.</summary>
public sealed record DefaultSyntax(TextSpan Span) : ExpressionSyntax(Span);
