using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Themis.Packets.Ethernet;

/// <summary>A 48-bit Ethernet address held in the low 48 bits of <see cref="Value"/>, first wire byte most significant.</summary>
public readonly record struct MacAddress : ISpanParsable<MacAddress>, ISpanFormattable
{
    public const int Size = 6;
    private const ulong Mask = 0xFFFF_FFFF_FFFFUL;

    public MacAddress(ulong value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Mask);
        Value = value;
    }

    public ulong Value { get; }

    public static MacAddress ReadFrom(ReadOnlySpan<byte> source)
    {
        ulong v = 0;
        for (var i = 0; i < Size; i++)
        {
            v = (v << 8) | source[i];
        }

        return new MacAddress(v);
    }

    public void WriteTo(Span<byte> destination)
    {
        _ = destination[Size - 1];
        for (var i = 0; i < Size; i++)
        {
            destination[i] = (byte)(Value >> (8 * (Size - 1 - i)));
        }
    }

    public static MacAddress Parse(string s) => Parse(s.AsSpan(), null);

    public static MacAddress Parse(string s, IFormatProvider? provider) => Parse(s.AsSpan(), provider);

    public static MacAddress Parse(ReadOnlySpan<char> s, IFormatProvider? provider) =>
        TryParse(s, provider, out var result)
            ? result
            : throw new FormatException($"'{s}' is not a MAC address; write six hex pairs like 02:00:00:00:00:01.");

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out MacAddress result) =>
        TryParse(s.AsSpan(), provider, out result);

    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out MacAddress result)
    {
        result = default;
        if (s.Length != 17)
        {
            return false;
        }

        ulong v = 0;
        for (var i = 0; i < Size; i++)
        {
            if (i > 0 && s[(i * 3) - 1] is not (':' or '-'))
            {
                return false;
            }

            if (!byte.TryParse(s.Slice(i * 3, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
            {
                return false;
            }

            v = (v << 8) | b;
        }

        result = new MacAddress(v);
        return true;
    }

    public override string ToString() => ToString(null, null);

    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        Span<char> buffer = stackalloc char[17];
        _ = TryFormat(buffer, out _, default, null);
        return new string(buffer);
    }

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        charsWritten = 0;
        if (destination.Length < 17)
        {
            return false;
        }

        for (var i = 0; i < Size; i++)
        {
            if (i > 0)
            {
                destination[(i * 3) - 1] = ':';
            }

            var b = (byte)(Value >> (8 * (Size - 1 - i)));
            _ = b.TryFormat(destination.Slice(i * 3, 2), out _, "x2", CultureInfo.InvariantCulture);
        }

        charsWritten = 17;
        return true;
    }
}
