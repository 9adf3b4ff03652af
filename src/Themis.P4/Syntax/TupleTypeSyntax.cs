using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record TupleTypeSyntax(IReadOnlyList<TypeSyntax> Elements, TextSpan Span) : TypeSyntax(Span);
