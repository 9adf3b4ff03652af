using System.Globalization;
using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary>Turns preprocessed text into tokens; bad characters become <see cref="TokenKind.Bad"/> tokens plus a diagnostic.</summary>
public sealed class Lexer
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "action", "bit", "bool", "const", "control", "default", "else", "enum", "error", "exit",
        "extern", "false", "header", "header_union", "if", "in", "inout", "int", "match_kind", "out", "package",
        "parser", "return", "select", "string", "struct", "switch", "table", "this", "transition", "true",
        "tuple", "typedef", "varbit", "value_set", "void", "list",
    };

    // Longest first, so "&&&" wins over "&&" and "&".
    private static readonly string[] Punctuations =
    [
        "&&&", "|+|", "|-|", "..", "++", "&&", "||", "==", "!=", "<=", ">=", "<<",
        "{", "}", "(", ")", "[", "]", "<", ">", ";", ",", ".", ":", "?", "=", "+", "-", "*", "/", "%",
        "&", "|", "^", "~", "!", "@",
    ];

    private readonly string _text;
    private readonly DiagnosticBag _diagnostics;
    private int _pos;

    public Lexer(string text, DiagnosticBag diagnostics)
    {
        _text = text;
        _diagnostics = diagnostics;
    }

    public List<Token> Tokenize()
    {
        var tokens = new List<Token>();
        while (true)
        {
            var t = Next();
            tokens.Add(t);
            if (t.Kind == TokenKind.EndOfFile)
            {
                return tokens;
            }
        }
    }

    private Token Next()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
        if (_pos >= _text.Length)
        {
            return new Token(TokenKind.EndOfFile, "", new TextSpan(_text.Length, 0));
        }
        int start = _pos;
        char c = _text[_pos];
        if (char.IsLetter(c) || c == '_')
        {
            while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
            {
                _pos++;
            }
            var word = _text[start.._pos];
            return new Token(Keywords.Contains(word) ? TokenKind.Keyword : TokenKind.Identifier, word, TextSpan.FromBounds(start, _pos));
        }
        if (char.IsDigit(c))
        {
            return LexNumber(start);
        }
        if (c == '"')
        {
            return LexString(start);
        }
        foreach (var p in Punctuations)
        {
            if (string.CompareOrdinal(_text, _pos, p, 0, p.Length) == 0)
            {
                _pos += p.Length;
                return new Token(TokenKind.Punctuation, p, new TextSpan(start, p.Length));
            }
        }
        _pos++;
        _diagnostics.Error(new TextSpan(start, 1), $"unexpected character '{c}'");
        return new Token(TokenKind.Bad, c.ToString(), new TextSpan(start, 1));
    }

    private Token LexNumber(int start)
    {
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
        {
            _pos++;
        }
        var text = _text[start.._pos];
        var span = TextSpan.FromBounds(start, _pos);
        int? width = null;
        bool signed = false;
        var digits = text;
        // A width prefix: <decimal>w<value> (unsigned) or <decimal>s<value> (signed).
        int sep = 0;
        while (sep < text.Length && char.IsDigit(text[sep]))
        {
            sep++;
        }
        if (sep > 0 && sep < text.Length - 1 && (text[sep] == 'w' || text[sep] == 's'))
        {
            if (!int.TryParse(text.AsSpan(0, sep), NumberStyles.None, CultureInfo.InvariantCulture, out int w))
            {
                w = -1;
            }
            width = w;
            signed = text[sep] == 's';
            digits = text[(sep + 1)..];
        }
        if (!TryParseInteger(digits, out var value))
        {
            _diagnostics.Error(span, $"invalid integer literal '{text}'");
            return new Token(TokenKind.Integer, text, span) { Value = 0, Width = width, Signed = signed };
        }
        if (width is <= 0)
        {
            _diagnostics.Error(span, $"invalid width in integer literal '{text}': the width must be positive");
            width = null;
        }
        return new Token(TokenKind.Integer, text, span) { Value = value, Width = width, Signed = signed };
    }

    private static bool TryParseInteger(string text, out BigInteger value)
    {
        value = BigInteger.Zero;
        text = text.Replace("_", "", StringComparison.Ordinal);
        int radix = 10;
        if (text.Length > 2 && text[0] == '0')
        {
            switch (char.ToLowerInvariant(text[1]))
            {
                case 'x':
                    radix = 16;
                    text = text[2..];
                    break;
                case 'b':
                    radix = 2;
                    text = text[2..];
                    break;
                case 'o':
                    radix = 8;
                    text = text[2..];
                    break;
                case 'd':
                    radix = 10;
                    text = text[2..];
                    break;
            }
        }
        if (text.Length == 0)
        {
            return false;
        }
        foreach (char ch in text)
        {
            int d = ch switch
            {
                >= '0' and <= '9' => ch - '0',
                >= 'a' and <= 'f' => ch - 'a' + 10,
                >= 'A' and <= 'F' => ch - 'A' + 10,
                _ => 99,
            };
            if (d >= radix)
            {
                return false;
            }
            value = value * radix + d;
        }
        return true;
    }

    private Token LexString(int start)
    {
        _pos++;
        var sb = new System.Text.StringBuilder();
        while (_pos < _text.Length && _text[_pos] != '"' && _text[_pos] != '\n')
        {
            if (_text[_pos] == '\\' && _pos + 1 < _text.Length)
            {
                char e = _text[_pos + 1];
                sb.Append(e switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => e });
                _pos += 2;
                continue;
            }
            sb.Append(_text[_pos]);
            _pos++;
        }
        if (_pos >= _text.Length || _text[_pos] != '"')
        {
            _diagnostics.Error(TextSpan.FromBounds(start, _pos), "unterminated string literal");
        }
        else
        {
            _pos++;
        }
        return new Token(TokenKind.String, sb.ToString(), TextSpan.FromBounds(start, _pos));
    }
}
