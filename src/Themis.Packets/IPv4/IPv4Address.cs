using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Themis.Packets.IPv4;

/// <summary>An IPv4 address held as the 32-bit number its four wire bytes spell, most significant byte first.</summary>
public readonly record struct IPv4Address(uint Value) : ISpanParsable<IPv4Address>, ISpanFormattable
{
    public const int Size = 4;

    public static IPv4Address Any => new(0);

    public static IPv4Address FromBytes(byte a, byte b, byte c, byte d) =>
        new(((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | d);

    public static IPv4Address ReadFrom(ReadOnlySpan<byte> source) => new(BinaryPrimitives.ReadUInt32BigEndian(source));

    public void WriteTo(Span<byte> destination) => BinaryPrimitives.WriteUInt32BigEndian(destination, Value);

    public static IPv4Address Parse(string s) => Parse(s.AsSpan(), null);

    public static IPv4Address Parse(string s, IFormatProvider? provider) => Parse(s.AsSpan(), provider);

    public static IPv4Address Parse(ReadOnlySpan<char> s, IFormatProvider? provider) =>
        TryParse(s, provider, out var result)
            ? result
            : throw new FormatException($"'{s}' is not a dotted-quad IPv4 address; write it like 192.0.2.1.");

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out IPv4Address result) =>
        TryParse(s.AsSpan(), provider, out result);

    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out IPv4Address result)
    {
        result = default;
        uint value = 0;
        for (var octet = 0; octet < 4; octet++)
        {
            var end = octet < 3 ? s.IndexOf('.') : s.Length;
            if (end <= 0 || end > 3)
            {
                return false;
            }

            var part = s[..end];
            foreach (var ch in part)
            {
                if (ch is < '0' or > '9')
                {
                    return false;
                }
            }

            var n = int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
            if (n > 255)
            {
                return false;
            }

            value = (value << 8) | (uint)n;
            s = octet < 3 ? s[(end + 1)..] : s[end..];
        }

        if (!s.IsEmpty)
        {
            return false;
        }

        result = new IPv4Address(value);
        return true;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Value >> 24}.{(Value >> 16) & 0xFF}.{(Value >> 8) & 0xFF}.{Value & 0xFF}");

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        destination.TryWrite(CultureInfo.InvariantCulture,
            $"{Value >> 24}.{(Value >> 16) & 0xFF}.{(Value >> 8) & 0xFF}.{Value & 0xFF}", out charsWritten);
}
