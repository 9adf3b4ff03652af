using System.Buffers.Binary;

namespace Themis.Switch.Tests.Packets.Support;

/// <summary>Builds test frames byte by byte (Ethernet, IPv4 with a correct header checksum, UDP).</summary>
internal static class Frames
{
    public static readonly byte[] MacA = [0x00, 0x00, 0x00, 0x00, 0x00, 0x0a];
    public static readonly byte[] MacB = [0x00, 0x00, 0x00, 0x00, 0x00, 0x0b];

    public static byte[] Ethernet(byte[] dst, byte[] src, ushort etherType, byte[] payload)
    {
        var frame = new byte[14 + payload.Length];
        dst.CopyTo(frame, 0);
        src.CopyTo(frame, 6);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), etherType);
        payload.CopyTo(frame, 14);
        return frame;
    }

    public static byte[] Ipv4(uint src, uint dst, byte ttl, byte protocol, byte[] payload, byte tos = 0)
    {
        var packet = new byte[20 + payload.Length];
        packet[0] = 0x45;
        packet[1] = tos;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), 0x1234);
        packet[6] = 0x40;
        packet[8] = ttl;
        packet[9] = protocol;
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(12), src);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(16), dst);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), Checksum(packet.AsSpan(0, 20)));
        payload.CopyTo(packet, 20);
        return packet;
    }

    public static byte[] Udp(ushort sport, ushort dport, byte[] payload)
    {
        var packet = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(packet, sport);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), dport);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)packet.Length);
        payload.CopyTo(packet, 8);
        return packet;
    }

    /// <summary>An IPv4/UDP frame from 10.0.0.1 to <paramref name="dst"/>.</summary>
    public static byte[] Ipv4Udp(uint dst, byte ttl = 64, int payloadBytes = 16, byte tos = 0) =>
        Ethernet(MacB, MacA, 0x0800, Ipv4(0x0a000001, dst, ttl, 17, Udp(1234, 4791, Pattern(payloadBytes)), tos));

    public static byte[] Pattern(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * 7 + 1))];

    /// <summary>The Internet checksum (RFC 1071) of a header, computed independently of the switch.</summary>
    public static ushort Checksum(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (int i = 0; i + 1 < header.Length; i += 2)
        {
            sum += (uint)((header[i] << 8) | header[i + 1]);
        }

        if ((header.Length & 1) == 1)
        {
            sum += (uint)(header[^1] << 8);
        }

        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    /// <summary>Rewrites the IPv4 header checksum of an Ethernet frame after a test edited the header.</summary>
    public static byte[] FixIpv4Checksum(byte[] frame)
    {
        byte[] copy = [.. frame];
        copy[24] = 0;
        copy[25] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(24), Checksum(copy.AsSpan(14, 20)));
        return copy;
    }

    public static string Hex(byte[]? bytes) => bytes is null ? "(nothing)" : Convert.ToHexString(bytes);
}
