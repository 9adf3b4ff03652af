using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record SwitchSyntax(ExpressionSyntax Expression, IReadOnlyList<SwitchCaseSyntax> Cases, TextSpan Span) : StatementSyntax(Span);
