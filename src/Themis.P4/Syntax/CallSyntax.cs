using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record CallSyntax(ExpressionSyntax Target, IReadOnlyList<TypeSyntax> TypeArguments, IReadOnlyList<ArgumentSyntax> Arguments, TextSpan Span) : ExpressionSyntax(Span);
