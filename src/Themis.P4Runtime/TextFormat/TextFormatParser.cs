using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Themis.P4Runtime.TextFormat;

/// <summary>
/// Parses the protobuf text format (what p4c writes for <c>--p4runtime-files x.txtpb</c>) into a
/// message, driven by the message descriptors. Google.Protobuf for C# ships a JSON parser but no
/// text-format parser, hence this one. Supports comments, <c>field: value</c> and
/// <c>field { ... }</c> / <c>field &lt; ... &gt;</c>, list syntax <c>[a, b]</c>, map entries,
/// enums by name or number, C-escaped (and concatenated) strings, and integer/float literals.
/// </summary>
public static class TextFormatParser
{
    /// <summary>Parses <paramref name="text"/> into a new <typeparamref name="T"/>.</summary>
    public static T Parse<T>(string text, string sourceName = "<text>") where T : IMessage<T>, new()
    {
        var message = new T();
        Merge(text, message, sourceName);
        return message;
    }

    /// <summary>Merges the fields in <paramref name="text"/> into <paramref name="message"/>.</summary>
    public static void Merge(string text, IMessage message, string sourceName = "<text>")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(message);
        var reader = new Reader(text, sourceName);
        ParseFields(reader, message, endToken: null);
        if (!reader.AtEnd)
        {
            throw reader.Error($"unexpected '{reader.Peek().Text}'");
        }
    }

    private static void ParseFields(Reader reader, IMessage message, string? endToken)
    {
        MessageDescriptor descriptor = message.Descriptor;
        while (true)
        {
            if (reader.AtEnd)
            {
                if (endToken is not null)
                {
                    throw reader.Error($"missing '{endToken}' before the end of the text");
                }

                return;
            }

            if (endToken is not null && reader.TryConsume(endToken))
            {
                return;
            }

            Token nameToken = reader.Next();
            if (nameToken.Kind == TokenKind.Symbol && nameToken.Text == "[")
            {
                throw reader.Error("extensions and expanded Any values are not supported", nameToken);
            }

            if (nameToken.Kind != TokenKind.Identifier)
            {
                throw reader.Error($"expected a field name, found '{nameToken.Text}'", nameToken);
            }

            FieldDescriptor? field = descriptor.FindFieldByName(nameToken.Text);
            if (field is null)
            {
                string known = string.Join(", ", descriptor.Fields.InDeclarationOrder().Select(f => f.Name));
                throw reader.Error($"message {descriptor.FullName} has no field '{nameToken.Text}' (fields: {known})", nameToken);
            }

            bool isMessage = field.FieldType == FieldType.Message || field.FieldType == FieldType.Group;
            bool colon = reader.TryConsume(":");
            if (!isMessage && !colon)
            {
                throw reader.Error($"expected ':' after scalar field '{field.Name}'", reader.AtEnd ? nameToken : reader.Peek());
            }

            if (reader.TryConsume("["))
            {
                if (!field.IsRepeated)
                {
                    throw reader.Error($"field '{field.Name}' is not repeated; a list is not allowed", nameToken);
                }

                if (!reader.TryConsume("]"))
                {
                    do
                    {
                        ParseValue(reader, message, field);
                    }
                    while (reader.TryConsume(","));
                    reader.Expect("]");
                }
            }
            else
            {
                ParseValue(reader, message, field);
            }

            if (!reader.TryConsume(";"))
            {
                reader.TryConsume(",");
            }
        }
    }

    private static void ParseValue(Reader reader, IMessage message, FieldDescriptor field)
    {
        if (field.IsMap)
        {
            ParseMapEntry(reader, message, field);
            return;
        }

        object value;
        if (field.FieldType is FieldType.Message or FieldType.Group)
        {
            var child = (IMessage)field.MessageType.Parser.ParseFrom(ByteString.Empty);
            ParseFields(reader, child, reader.ExpectMessageStart());
            value = child;
        }
        else
        {
            value = ParseScalar(reader, field);
        }

        if (field.IsRepeated)
        {
            ((IList)field.Accessor.GetValue(message)).Add(value);
        }
        else if (value is IMessage child && field.Accessor.GetValue(message) is IMessage existing && field.ContainingOneof is null)
        {
            // A repeated occurrence of a singular message merges, as protoc's text parser does.
            existing.MergeFrom(child.ToByteString());
        }
        else
        {
            field.Accessor.SetValue(message, value);
        }
    }

    private static void ParseMapEntry(Reader reader, IMessage message, FieldDescriptor field)
    {
        FieldDescriptor keyField = field.MessageType.FindFieldByNumber(1);
        FieldDescriptor valueField = field.MessageType.FindFieldByNumber(2);
        string end = reader.ExpectMessageStart();
        object? key = null;
        object? value = null;
        while (!reader.TryConsume(end))
        {
            Token name = reader.Next();
            if (name.Text == keyField.Name)
            {
                reader.Expect(":");
                key = ParseScalar(reader, keyField);
            }
            else if (name.Text == valueField.Name)
            {
                if (valueField.FieldType == FieldType.Message)
                {
                    reader.TryConsume(":");
                    var child = (IMessage)valueField.MessageType.Parser.ParseFrom(ByteString.Empty);
                    ParseFields(reader, child, reader.ExpectMessageStart());
                    value = child;
                }
                else
                {
                    reader.Expect(":");
                    value = ParseScalar(reader, valueField);
                }
            }
            else
            {
                throw reader.Error($"a map entry of '{field.Name}' has only 'key' and 'value', found '{name.Text}'", name);
            }

            if (!reader.TryConsume(";"))
            {
                reader.TryConsume(",");
            }
        }

        key ??= DefaultValue(keyField);
        value ??= valueField.FieldType == FieldType.Message
            ? valueField.MessageType.Parser.ParseFrom(ByteString.Empty)
            : DefaultValue(valueField);
        ((IDictionary)field.Accessor.GetValue(message))[key] = value;
    }

    private static object DefaultValue(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.String => "",
        FieldType.Bytes => ByteString.Empty,
        FieldType.Bool => false,
        FieldType.Enum => Enum.ToObject(field.EnumType.ClrType, 0),
        _ => ConvertInteger(BigInteger.Zero, field),
    };

    private static object ParseScalar(Reader reader, FieldDescriptor field)
    {
        Token token = reader.Next();
        switch (field.FieldType)
        {
            case FieldType.String:
            case FieldType.Bytes:
                if (token.Kind != TokenKind.String)
                {
                    throw reader.Error($"field '{field.Name}' needs a quoted string, found '{token.Text}'", token);
                }

                var bytes = new List<byte>(token.Bytes!);
                while (reader.PeekKind(TokenKind.String))
                {
                    bytes.AddRange(reader.Next().Bytes!);
                }

                return field.FieldType == FieldType.String
                    ? System.Text.Encoding.UTF8.GetString(bytes.ToArray())
                    : ByteString.CopyFrom(bytes.ToArray());
            case FieldType.Bool:
                return token.Text switch
                {
                    "true" or "True" or "t" or "1" => true,
                    "false" or "False" or "f" or "0" => false,
                    _ => throw reader.Error($"field '{field.Name}' needs true or false, found '{token.Text}'", token),
                };
            case FieldType.Enum:
                if (token.Kind == TokenKind.Identifier)
                {
                    EnumValueDescriptor? named = field.EnumType.FindValueByName(token.Text);
                    if (named is null)
                    {
                        string known = string.Join(", ", field.EnumType.Values.Select(v => v.Name));
                        throw reader.Error($"enum {field.EnumType.FullName} has no value '{token.Text}' (values: {known})", token);
                    }

                    return Enum.ToObject(field.EnumType.ClrType, named.Number);
                }

                return Enum.ToObject(field.EnumType.ClrType, (int)ParseInteger(reader, token, field));
            case FieldType.Double:
            case FieldType.Float:
                string text = token.Text.TrimEnd('f', 'F');
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
                {
                    d = text switch
                    {
                        "inf" or "infinity" => double.PositiveInfinity,
                        "-inf" or "-infinity" => double.NegativeInfinity,
                        "nan" => double.NaN,
                        _ => throw reader.Error($"field '{field.Name}' needs a number, found '{token.Text}'", token),
                    };
                }

                return field.FieldType == FieldType.Float ? (float)d : d;
            default:
                return ConvertInteger(ParseInteger(reader, token, field), field, reader, token);
        }
    }

    private static BigInteger ParseInteger(Reader reader, Token token, FieldDescriptor field)
    {
        string text = token.Text;
        bool negative = text.StartsWith('-');
        string digits = negative ? text[1..] : text;
        BigInteger value;
        bool ok;
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            ok = BigInteger.TryParse("0" + digits[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }
        else if (digits.Length > 1 && digits[0] == '0' && digits.All(c => c is >= '0' and <= '7'))
        {
            value = digits.Aggregate(BigInteger.Zero, (acc, c) => (acc * 8) + (c - '0'));
            ok = true;
        }
        else
        {
            ok = BigInteger.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        if (!ok)
        {
            throw reader.Error($"field '{field.Name}' needs an integer, found '{token.Text}'", token);
        }

        return negative ? -value : value;
    }

    private static object ConvertInteger(BigInteger value, FieldDescriptor field, Reader? reader = null, Token? token = null)
    {
        try
        {
            return field.FieldType switch
            {
                FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => (object)checked((int)value),
                FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => checked((long)value),
                FieldType.UInt32 or FieldType.Fixed32 => checked((uint)value),
                FieldType.UInt64 or FieldType.Fixed64 => checked((ulong)value),
                _ => throw new NotSupportedException($"field type {field.FieldType}"),
            };
        }
        catch (OverflowException) when (reader is not null && token is not null)
        {
            throw reader.Error($"value {value} is out of range for {field.FieldType} field '{field.Name}'", token);
        }
    }

    private enum TokenKind
    {
        Identifier,
        Number,
        String,
        Symbol,
    }

    private sealed record Token(TokenKind Kind, string Text, int Line, int Column, byte[]? Bytes = null);

    private sealed class Reader
    {
        private readonly string _text;
        private readonly string _source;
        private int _position;
        private int _line = 1;
        private int _lineStart;
        private Token? _peeked;

        public Reader(string text, string source)
        {
            _text = text;
            _source = source;
        }

        public bool AtEnd
        {
            get
            {
                if (_peeked is not null)
                {
                    return false;
                }

                SkipTrivia();
                return _position >= _text.Length;
            }
        }

        public Token Peek() => _peeked ??= Read();

        public bool PeekKind(TokenKind kind) => !AtEnd && Peek().Kind == kind;

        public Token Next()
        {
            Token token = Peek();
            _peeked = null;
            return token;
        }

        public bool TryConsume(string symbol)
        {
            if (AtEnd)
            {
                return false;
            }

            Token token = Peek();
            if (token.Kind == TokenKind.Symbol && token.Text == symbol)
            {
                _peeked = null;
                return true;
            }

            return false;
        }

        public void Expect(string symbol)
        {
            if (!TryConsume(symbol))
            {
                throw Error(AtEnd ? $"expected '{symbol}' before the end of the text" : $"expected '{symbol}', found '{Peek().Text}'");
            }
        }

        public string ExpectMessageStart()
        {
            if (TryConsume("{"))
            {
                return "}";
            }

            if (TryConsume("<"))
            {
                return ">";
            }

            throw Error(AtEnd ? "expected '{' before the end of the text" : $"expected '{{', found '{Peek().Text}'");
        }

        public TextFormatException Error(string message, Token? at = null)
        {
            Token? where = at ?? _peeked;
            int line = where?.Line ?? _line;
            int column = where?.Column ?? (_position - _lineStart + 1);
            return new TextFormatException(_source, line, column, message);
        }

        private void SkipTrivia()
        {
            while (_position < _text.Length)
            {
                char c = _text[_position];
                if (c == '\n')
                {
                    _position++;
                    _line++;
                    _lineStart = _position;
                }
                else if (char.IsWhiteSpace(c))
                {
                    _position++;
                }
                else if (c == '#')
                {
                    while (_position < _text.Length && _text[_position] != '\n')
                    {
                        _position++;
                    }
                }
                else
                {
                    return;
                }
            }
        }

        private Token Read()
        {
            SkipTrivia();
            if (_position >= _text.Length)
            {
                throw Error("unexpected end of the text");
            }

            int line = _line;
            int column = _position - _lineStart + 1;
            char c = _text[_position];
            if (char.IsLetter(c) || c == '_')
            {
                int start = _position;
                while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] is '_' or '.'))
                {
                    _position++;
                }

                return new Token(TokenKind.Identifier, _text[start.._position], line, column);
            }

            if (char.IsDigit(c) || ((c == '-' || c == '.') && _position + 1 < _text.Length && (char.IsDigit(_text[_position + 1]) || _text[_position + 1] == 'i')))
            {
                int start = _position;
                _position++;
                while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] is '.' or '+' or '-' or '_'))
                {
                    if (_text[_position] is '+' or '-' && _text[_position - 1] is not ('e' or 'E'))
                    {
                        break;
                    }

                    _position++;
                }

                return new Token(TokenKind.Number, _text[start.._position], line, column);
            }

            if (c is '"' or '\'')
            {
                return ReadString(c, line, column);
            }

            _position++;
            return new Token(TokenKind.Symbol, c.ToString(), line, column);
        }

        private Token ReadString(char quote, int line, int column)
        {
            int start = _position;
            _position++;
            var bytes = new List<byte>();
            Span<byte> utf8 = stackalloc byte[4];
            while (true)
            {
                if (_position >= _text.Length || _text[_position] == '\n')
                {
                    throw new TextFormatException(_source, line, column, "unterminated string");
                }

                char c = _text[_position++];
                if (c == quote)
                {
                    break;
                }

                if (c != '\\')
                {
                    var rune = new Rune(c);
                    if (char.IsHighSurrogate(c) && _position < _text.Length)
                    {
                        rune = new Rune(c, _text[_position++]);
                    }

                    int n = rune.EncodeToUtf8(utf8);
                    for (int i = 0; i < n; i++)
                    {
                        bytes.Add(utf8[i]);
                    }

                    continue;
                }

                if (_position >= _text.Length)
                {
                    throw new TextFormatException(_source, line, column, "unterminated string");
                }

                char e = _text[_position++];
                switch (e)
                {
                    case 'n': bytes.Add((byte)'\n'); break;
                    case 't': bytes.Add((byte)'\t'); break;
                    case 'r': bytes.Add((byte)'\r'); break;
                    case 'a': bytes.Add(0x07); break;
                    case 'b': bytes.Add(0x08); break;
                    case 'f': bytes.Add(0x0c); break;
                    case 'v': bytes.Add(0x0b); break;
                    case '\\': bytes.Add((byte)'\\'); break;
                    case '\'': bytes.Add((byte)'\''); break;
                    case '"': bytes.Add((byte)'"'); break;
                    case '?': bytes.Add((byte)'?'); break;
                    case 'x' or 'X':
                    {
                        int value = 0;
                        int digits = 0;
                        while (digits < 2 && _position < _text.Length && Uri.IsHexDigit(_text[_position]))
                        {
                            value = (value * 16) + Convert.ToInt32(_text[_position++].ToString(), 16);
                            digits++;
                        }

                        if (digits == 0)
                        {
                            throw new TextFormatException(_source, line, column, "'\\x' needs hex digits");
                        }

                        bytes.Add((byte)value);
                        break;
                    }

                    case >= '0' and <= '7':
                    {
                        int value = e - '0';
                        int digits = 1;
                        while (digits < 3 && _position < _text.Length && _text[_position] is >= '0' and <= '7')
                        {
                            value = (value * 8) + (_text[_position++] - '0');
                            digits++;
                        }

                        bytes.Add((byte)value);
                        break;
                    }

                    default:
                        throw new TextFormatException(_source, _line, _position - _lineStart, $"unknown escape '\\{e}' in string");
                }
            }

            return new Token(TokenKind.String, _text[start.._position], line, column, bytes.ToArray());
        }
    }
}
