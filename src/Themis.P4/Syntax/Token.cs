using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary>A lexical token. Integer literals carry their value, optional width and signedness.</summary>
public sealed record Token(TokenKind Kind, string Text, TextSpan Span)
{
    public BigInteger Value { get; init; }

    /// <summary>Width of a literal such as <c>8w5</c>; null for an infinite-precision literal.</summary>
    public int? Width { get; init; }

    public bool Signed { get; init; }

    public bool Is(string text) => (Kind is TokenKind.Punctuation or TokenKind.Keyword) && Text == text;

    public bool IsIdentifier(string text) => Kind == TokenKind.Identifier && Text == text;
}
