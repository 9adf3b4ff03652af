using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Numerics;
using Google.Protobuf;

namespace Themis.P4Runtime.Encoding;

/// <summary>
/// Converts the CLR values a caller naturally has (integers, <see cref="IPAddress"/>,
/// <see cref="PhysicalAddress"/>, raw bytes, or text such as "10.0.0.1") into canonical
/// P4Runtime bytestrings of a given width.
/// </summary>
public static class P4Value
{
    /// <summary>Encodes <paramref name="value"/> for a field of <paramref name="bitWidth"/> bits.</summary>
    /// <exception cref="P4BytesException">The value does not fit or has an unsupported type.</exception>
    public static ByteString Encode(object value, int bitWidth) => value switch
    {
        null => throw new P4BytesException($"A null value cannot be encoded for a bit<{bitWidth}> field."),
        ByteString b => P4Bytes.Canonicalize(b, bitWidth),
        byte[] b => P4Bytes.Canonicalize(b, bitWidth),
        IPAddress { AddressFamily: AddressFamily.InterNetwork } ip => P4Bytes.Canonicalize(P4Bytes.EncodeIPv4(ip), bitWidth),
        IPAddress ip => P4Bytes.Canonicalize(P4Bytes.EncodeIPv6(ip), bitWidth),
        PhysicalAddress mac => P4Bytes.Canonicalize(P4Bytes.EncodeMac(mac), bitWidth),
        string s => P4Bytes.Parse(s, bitWidth),
        BigInteger i => P4Bytes.Encode(i, bitWidth),
        bool b => P4Bytes.Encode(b ? 1UL : 0UL, bitWidth),
        byte or ushort or uint or ulong => P4Bytes.Encode(Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture), bitWidth),
        sbyte or short or int or long => EncodeSigned(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture), bitWidth),
        _ => throw new P4BytesException(
            $"Cannot encode a {value.GetType().Name} as a P4Runtime value; use an integer, IPAddress, PhysicalAddress, byte[], ByteString or text."),
    };

    private static ByteString EncodeSigned(long value, int bitWidth) => value < 0
        ? throw new P4BytesException($"Value {value} is negative; bit<{bitWidth}> fields carry unsigned values.")
        : P4Bytes.Encode((ulong)value, bitWidth);
}
