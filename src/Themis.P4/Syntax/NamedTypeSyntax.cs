using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary>A named type, possibly specialised: <c>ipv4_t</c>, <c>register&lt;bit&lt;32&gt;&gt;</c>.</summary>
public sealed record NamedTypeSyntax(string Name, IReadOnlyList<TypeSyntax> TypeArguments, TextSpan Span) : TypeSyntax(Span);
