using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Numerics;
using Google.Protobuf;

namespace Themis.P4Runtime.Encoding;

/// <summary>
/// P4Runtime bytestrings (P4Runtime specification §8.3 "Bytestrings"): unsigned integers carried
/// big-endian in protobuf <c>bytes</c>. Writers send the canonical form, the shortest string that
/// holds the value (at least one byte, so zero is <c>\x00</c>); readers accept any length as long
/// as the value fits the declared bit width, which covers the padded form older clients send.
/// An empty string is never valid.
/// </summary>
/// <remarks>Only unsigned values (<c>bit&lt;W&gt;</c>) appear in P4Info-described match fields,
/// action parameters and packet metadata, so only those are supported.</remarks>
public static class P4Bytes
{
    /// <summary>Encodes <paramref name="value"/> canonically; throws if it needs more than <paramref name="bitWidth"/> bits.</summary>
    public static ByteString Encode(ulong value, int bitWidth)
    {
        CheckWidth(bitWidth);
        if (bitWidth < 64 && value >> bitWidth != 0)
        {
            ThrowTooWide(value.ToString(CultureInfo.InvariantCulture), bitWidth);
        }

        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(buffer, value);
        return ByteString.CopyFrom(TrimLeadingZeros(buffer));
    }

    /// <summary>Encodes a non-negative <see cref="BigInteger"/> canonically (for fields wider than 64 bits).</summary>
    public static ByteString Encode(BigInteger value, int bitWidth)
    {
        CheckWidth(bitWidth);
        if (value.Sign < 0)
        {
            throw new P4BytesException($"Value {value} is negative; P4Runtime bytestrings carry unsigned values (bit<{bitWidth}>).");
        }

        if (value.GetBitLength() > bitWidth)
        {
            ThrowTooWide(value.ToString(CultureInfo.InvariantCulture), bitWidth);
        }

        byte[] bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        return ByteString.CopyFrom(TrimLeadingZeros(bytes));
    }

    /// <summary>Encodes an IPv4 address for a 32-bit field (10.0.0.1 → 0a 00 00 01, 0.0.0.5 → 05).</summary>
    public static ByteString EncodeIPv4(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new P4BytesException($"'{address}' is not an IPv4 address; a 32-bit field needs one such as 10.0.0.1.");
        }

        return ByteString.CopyFrom(TrimLeadingZeros(address.GetAddressBytes()));
    }

    /// <summary>Encodes an IPv6 address for a 128-bit field.</summary>
    public static ByteString EncodeIPv6(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            throw new P4BytesException($"'{address}' is not an IPv6 address; a 128-bit field needs one such as 2001:db8::1.");
        }

        return ByteString.CopyFrom(TrimLeadingZeros(address.GetAddressBytes()));
    }

    /// <summary>Encodes a MAC address for a 48-bit field.</summary>
    public static ByteString EncodeMac(PhysicalAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        byte[] bytes = address.GetAddressBytes();
        if (bytes.Length != 6)
        {
            throw new P4BytesException($"'{address}' has {bytes.Length} bytes; a MAC address for a 48-bit field has 6, such as 00:11:22:33:44:55.");
        }

        return ByteString.CopyFrom(TrimLeadingZeros(bytes));
    }

    /// <summary>Encodes a MAC address written as <c>00:11:22:33:44:55</c> or <c>00-11-22-33-44-55</c>.</summary>
    public static ByteString EncodeMac(string address) => EncodeMac(ParseMac(address));

    /// <summary>
    /// Encodes a value given as text, the way operators type it: an IPv4 or IPv6 address, a MAC
    /// address, a decimal number or a 0x-prefixed hexadecimal number.
    /// </summary>
    public static ByteString Parse(string text, int bitWidth)
    {
        ArgumentNullException.ThrowIfNull(text);
        CheckWidth(bitWidth);
        string s = text.Trim();
        if (s.Contains(':', StringComparison.Ordinal) && bitWidth == 48 && TryParseMac(s, out PhysicalAddress? mac))
        {
            return EncodeMac(mac);
        }

        if ((s.Contains('.', StringComparison.Ordinal) || s.Contains(':', StringComparison.Ordinal)) && IPAddress.TryParse(s, out IPAddress? ip))
        {
            ByteString encoded = ip.AddressFamily == AddressFamily.InterNetwork ? EncodeIPv4(ip) : EncodeIPv6(ip);
            return Canonicalize(encoded.Span, bitWidth);
        }

        BigInteger value;
        bool ok = s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? BigInteger.TryParse("0" + s[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : BigInteger.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (!ok)
        {
            throw new P4BytesException($"'{text}' is not a number, IP address or MAC address; write e.g. 42, 0x2a, 10.0.0.1 or 00:11:22:33:44:55.");
        }

        return Encode(value, bitWidth);
    }

    /// <summary>
    /// Returns the canonical form of a received bytestring, accepting the padded legacy form.
    /// Throws <see cref="P4BytesException"/> when the string is empty or the value does not fit.
    /// </summary>
    public static ByteString Canonicalize(ReadOnlySpan<byte> value, int bitWidth)
    {
        if (!TryCanonicalize(value, bitWidth, out ByteString? canonical, out string? error))
        {
            throw new P4BytesException(error);
        }

        return canonical;
    }

    /// <inheritdoc cref="Canonicalize(ReadOnlySpan{byte}, int)"/>
    public static ByteString Canonicalize(ByteString value, int bitWidth)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Canonicalize(value.Span, bitWidth);
    }

    /// <summary>Checks a received bytestring against its width without throwing.</summary>
    public static bool TryCanonicalize(ReadOnlySpan<byte> value, int bitWidth,
        [NotNullWhen(true)] out ByteString? canonical, [NotNullWhen(false)] out string? error)
    {
        canonical = null;
        if (bitWidth <= 0)
        {
            error = $"Bit width {bitWidth} is not positive.";
            return false;
        }

        if (value.IsEmpty)
        {
            error = $"Empty bytestring for a bit<{bitWidth}> value; P4Runtime requires at least one byte (zero is \\x00).";
            return false;
        }

        ReadOnlySpan<byte> trimmed = TrimLeadingZeros(value);
        if (!Fits(trimmed, bitWidth))
        {
            error = $"Bytestring 0x{Convert.ToHexString(value)} does not fit in bit<{bitWidth}>.";
            return false;
        }

        canonical = trimmed.Length == value.Length ? ByteString.CopyFrom(value) : ByteString.CopyFrom(trimmed);
        error = null;
        return true;
    }

    /// <summary>True when the bytes are already canonical (no leading zero byte unless the value is zero).</summary>
    public static bool IsCanonical(ReadOnlySpan<byte> value) => value.Length == 1 || (value.Length > 1 && value[0] != 0);

    /// <summary>Decodes a value of up to 64 bits (accepts padded forms); throws if it does not fit.</summary>
    public static ulong DecodeUInt64(ByteString value, int bitWidth)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (bitWidth > 64)
        {
            throw new P4BytesException($"A bit<{bitWidth}> value does not fit in 64 bits; use {nameof(DecodeBigInteger)}.");
        }

        ReadOnlySpan<byte> trimmed = TrimLeadingZeros(Canonicalize(value.Span, bitWidth).Span);
        ulong result = 0;
        foreach (byte b in trimmed)
        {
            result = (result << 8) | b;
        }

        return result;
    }

    /// <summary>Decodes a value of any width (accepts padded forms); throws if it does not fit.</summary>
    public static BigInteger DecodeBigInteger(ByteString value, int bitWidth)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new BigInteger(Canonicalize(value.Span, bitWidth).Span, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Decodes a 32-bit value as an IPv4 address.</summary>
    public static IPAddress DecodeIPv4(ByteString value) => new(ToFixedWidth(value, 32));

    /// <summary>Decodes a 128-bit value as an IPv6 address.</summary>
    public static IPAddress DecodeIPv6(ByteString value) => new(ToFixedWidth(value, 128));

    /// <summary>Decodes a 48-bit value as a MAC address.</summary>
    public static PhysicalAddress DecodeMac(ByteString value) => new(ToFixedWidth(value, 48));

    /// <summary>Formats a MAC address as operators write it (00:11:22:33:44:55).</summary>
    public static string FormatMac(PhysicalAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return string.Join(':', address.GetAddressBytes().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// Returns the value as exactly ceil(<paramref name="bitWidth"/>/8) big-endian bytes, the layout a
    /// data plane uses; throws if the value does not fit.
    /// </summary>
    public static byte[] ToFixedWidth(ByteString value, int bitWidth)
    {
        ArgumentNullException.ThrowIfNull(value);
        return ToFixedWidth(value.Span, bitWidth);
    }

    /// <inheritdoc cref="ToFixedWidth(ByteString, int)"/>
    public static byte[] ToFixedWidth(ReadOnlySpan<byte> value, int bitWidth)
    {
        ReadOnlySpan<byte> canonical = Canonicalize(value, bitWidth).Span;
        var result = new byte[(bitWidth + 7) / 8];
        ReadOnlySpan<byte> significant = TrimLeadingZeros(canonical);
        if (significant.Length == 1 && significant[0] == 0)
        {
            return result;
        }

        significant.CopyTo(result.AsSpan(result.Length - significant.Length));
        return result;
    }

    /// <summary>Parses a MAC address written with ':' or '-' separators.</summary>
    public static PhysicalAddress ParseMac(string text)
    {
        if (!TryParseMac(text, out PhysicalAddress? mac))
        {
            throw new P4BytesException($"'{text}' is not a MAC address; write six hex bytes such as 00:11:22:33:44:55.");
        }

        return mac;
    }

    private static bool TryParseMac(string text, [NotNullWhen(true)] out PhysicalAddress? mac)
    {
        mac = null;
        if (text is null)
        {
            return false;
        }

        string[] parts = text.Trim().Split(':', '-');
        if (parts.Length != 6)
        {
            return false;
        }

        var bytes = new byte[6];
        for (int i = 0; i < 6; i++)
        {
            if (parts[i].Length is < 1 or > 2 ||
                !byte.TryParse(parts[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return false;
            }
        }

        mac = new PhysicalAddress(bytes);
        return true;
    }

    private static ReadOnlySpan<byte> TrimLeadingZeros(ReadOnlySpan<byte> value)
    {
        int i = 0;
        while (i < value.Length - 1 && value[i] == 0)
        {
            i++;
        }

        return value[i..];
    }

    // Bits the value needs: whole bytes after the first, plus the significant bits of the first (zero needs none).
    private static bool Fits(ReadOnlySpan<byte> trimmed, int bitWidth)
    {
        int bits = trimmed[0] == 0 ? 0 : ((trimmed.Length - 1) * 8) + (32 - BitOperations.LeadingZeroCount((uint)trimmed[0]));
        return bits <= bitWidth;
    }

    private static void CheckWidth(int bitWidth)
    {
        if (bitWidth <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bitWidth), bitWidth, "A P4 bit width is at least 1.");
        }
    }

    [DoesNotReturn]
    private static void ThrowTooWide(string value, int bitWidth) =>
        throw new P4BytesException($"Value {value} does not fit in bit<{bitWidth}> (maximum {(BigInteger.One << bitWidth) - 1}).");
}
