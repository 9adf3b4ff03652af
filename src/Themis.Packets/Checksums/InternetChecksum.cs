using System.Buffers.Binary;
using Themis.Packets.IPv4;

namespace Themis.Packets.Checksums;

/// <summary>The 16-bit ones'-complement Internet checksum (RFC 1071) and its IPv4 and UDP uses.</summary>
public static class InternetChecksum
{
    /// <summary>Ones'-complement sum of <paramref name="data"/> (odd length padded with a zero byte), not yet inverted.</summary>
    public static uint Sum(ReadOnlySpan<byte> data, uint initial = 0)
    {
        ulong sum = initial;
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            sum += (uint)data[i] << 8;
        }

        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (uint)sum;
    }

    /// <summary>The checksum of <paramref name="data"/>: the complement of its ones'-complement sum.</summary>
    public static ushort Compute(ReadOnlySpan<byte> data) => (ushort)~Sum(data);

    /// <summary>Computes the checksum of an IPv4 header (options included) with its checksum field taken as zero.</summary>
    public static ushort ComputeIPv4Header(ReadOnlySpan<byte> header)
    {
        var sum = Sum(header[..10]);
        sum = Sum(header[12..], sum);
        return (ushort)~sum;
    }

    /// <summary>Computes and stores the checksum of the IPv4 header at the start of <paramref name="header"/>.</summary>
    public static void WriteIPv4HeaderChecksum(Span<byte> header)
    {
        var length = (header[0] & 0x0F) * 4;
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], ComputeIPv4Header(header[..length]));
    }

    /// <summary>True when an IPv4 header (options included) carries a correct checksum.</summary>
    public static bool IsIPv4HeaderValid(ReadOnlySpan<byte> header)
    {
        var length = (header[0] & 0x0F) * 4;
        return length >= IPv4Header.Size && header.Length >= length && (ushort)~Sum(header[..length]) == 0;
    }

    /// <summary>
    /// UDP checksum over the IPv4 pseudo-header and <paramref name="udpSegment"/> (header and payload), with the
    /// segment's checksum field taken as zero. A computed zero is sent as 0xFFFF (RFC 768).
    /// </summary>
    public static ushort ComputeUdp(IPv4Address source, IPv4Address destination, ReadOnlySpan<byte> udpSegment) =>
        ComputeTransport(source, destination, IPProtocols.Udp, udpSegment, checksumOffset: 6, zeroMeansNone: true);

    /// <summary>TCP checksum over the IPv4 pseudo-header and the segment, its checksum field taken as zero.</summary>
    public static ushort ComputeTcp(IPv4Address source, IPv4Address destination, ReadOnlySpan<byte> tcpSegment) =>
        ComputeTransport(source, destination, IPProtocols.Tcp, tcpSegment, checksumOffset: 16, zeroMeansNone: false);

    private static ushort ComputeTransport(
        IPv4Address source, IPv4Address destination, byte protocol, ReadOnlySpan<byte> segment, int checksumOffset, bool zeroMeansNone)
    {
        Span<byte> pseudo = stackalloc byte[12];
        source.WriteTo(pseudo);
        destination.WriteTo(pseudo[4..]);
        pseudo[8] = 0;
        pseudo[9] = protocol;
        BinaryPrimitives.WriteUInt16BigEndian(pseudo[10..], (ushort)segment.Length);
        var sum = Sum(pseudo);
        sum = Sum(segment[..checksumOffset], sum);
        sum = Sum(segment[(checksumOffset + 2)..], sum);
        var checksum = (ushort)~sum;
        return zeroMeansNone && checksum == 0 ? (ushort)0xFFFF : checksum;
    }
}
