using System.Globalization;
using System.Net;
using System.Numerics;
using Google.Protobuf;
using Themis.P4Runtime.Encoding;

namespace Themis.Cli.Formatting;

/// <summary>
/// Shows P4Runtime bytestrings the way operators read them, choosing a style from the field's name and width
/// (the rules are printed by <c>themisctl --help</c> and listed in docs/themisctl.md):
/// 32 bits named like an IP address → dotted IPv4; 128 bits named like an IP address → IPv6;
/// 48 bits named like a MAC address → 00:11:22:33:44:55; names with a "qp" part (QPNs) → hex;
/// anything wider than 64 bits → hex; everything else → decimal.
/// A name part is a piece of the name between '.', '_' and '-'.
/// </summary>
internal static class ValueFormatter
{
    /// <summary>The help text describing the rules (one line per rule).</summary>
    public const string RulesHelp =
        "Values are decoded by field name and width: 32-bit fields with a name part starting with \"ip\" or ending "
        + "with \"addr\" as IPv4; 128-bit ones as IPv6; 48-bit fields with a part containing \"mac\" or ending with "
        + "\"addr\" as MAC; names with a part containing \"qp\" (QPNs) in hex; fields wider than 64 bits in hex; "
        + "everything else in decimal. --json always carries the raw value in hex too.";

    public static ValueStyle StyleFor(string name, int bitwidth)
    {
        string[] parts = (name ?? "").ToLowerInvariant().Split(['.', '_', '-'], StringSplitOptions.RemoveEmptyEntries);
        bool ipLike = parts.Any(p => p.StartsWith("ip", StringComparison.Ordinal) || p.EndsWith("addr", StringComparison.Ordinal));
        bool macLike = parts.Any(p => p.Contains("mac", StringComparison.Ordinal) || p.EndsWith("addr", StringComparison.Ordinal));
        if (bitwidth == 32 && ipLike)
        {
            return ValueStyle.IPv4;
        }

        if (bitwidth == 128 && ipLike)
        {
            return ValueStyle.IPv6;
        }

        if (bitwidth == 48 && macLike)
        {
            return ValueStyle.Mac;
        }

        if (parts.Any(p => p.Contains("qp", StringComparison.Ordinal)) || bitwidth > 64)
        {
            return ValueStyle.Hex;
        }

        return ValueStyle.Decimal;
    }

    /// <summary>Formats <paramref name="value"/> of a <c>bit&lt;bitwidth&gt;</c> field named <paramref name="name"/>; never throws.</summary>
    public static string Format(string name, int bitwidth, ByteString value) => Format(StyleFor(name, bitwidth), bitwidth, value);

    /// <summary>Formats a value in a given style; a value that does not fit its width is shown as raw hex with a marker.</summary>
    public static string Format(ValueStyle style, int bitwidth, ByteString value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (bitwidth <= 0 || !P4Bytes.TryCanonicalize(value.Span, bitwidth, out _, out _))
        {
            return $"0x{Convert.ToHexStringLower(value.Span)}(invalid for bit<{bitwidth}>)";
        }

        return style switch
        {
            ValueStyle.IPv4 => new IPAddress(P4Bytes.ToFixedWidth(value, 32)).ToString(),
            ValueStyle.IPv6 => new IPAddress(P4Bytes.ToFixedWidth(value, 128)).ToString(),
            ValueStyle.Mac => P4Bytes.FormatMac(P4Bytes.DecodeMac(value)),
            ValueStyle.Hex => Hex(value, bitwidth),
            _ => P4Bytes.DecodeBigInteger(value, bitwidth).ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The value as 0x plus ceil(width/4) lower-case hex digits (the raw form in --json); never throws.</summary>
    public static string Hex(ByteString value, int bitwidth)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (bitwidth <= 0 || !P4Bytes.TryCanonicalize(value.Span, bitwidth, out _, out _))
        {
            return "0x" + Convert.ToHexStringLower(value.Span);
        }

        BigInteger number = P4Bytes.DecodeBigInteger(value, bitwidth);
        string digits = number.ToString("x", CultureInfo.InvariantCulture).TrimStart('0');
        int width = (bitwidth + 3) / 4;
        return "0x" + (digits.Length == 0 ? "0" : digits).PadLeft(width, '0');
    }

    /// <summary>Decodes a value of up to 64 bits, or null when it is malformed or wider.</summary>
    public static ulong? TryDecode(ByteString value, int bitwidth)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (bitwidth <= 0 || bitwidth > 64 || !P4Bytes.TryCanonicalize(value.Span, bitwidth, out _, out _))
        {
            return null;
        }

        return P4Bytes.DecodeUInt64(value, bitwidth);
    }

    /// <summary>An IPv4 address held in a 32-bit number.</summary>
    public static string Ipv4(uint address) => new IPAddress(
        [(byte)(address >> 24), (byte)(address >> 16), (byte)(address >> 8), (byte)address]).ToString();
}
