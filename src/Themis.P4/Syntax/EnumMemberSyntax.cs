using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record EnumMemberSyntax(string Name, ExpressionSyntax? Value, TextSpan Span) : SyntaxNode(Span);
