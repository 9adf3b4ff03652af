using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record MemberSyntax(ExpressionSyntax Target, string Member, TextSpan MemberSpan, TextSpan Span) : ExpressionSyntax(Span);
