using System.Buffers.Binary;
using Themis.Packets.Checksums;
using Themis.Packets.IPv4;

namespace Themis.Esw.Tests.Support;

/// <summary>
/// The hashes the ESW computes, worked out here from docs/esw-pipeline.md so tests can predict cookies and
/// register indices: BMv2's crc32 (IEEE CRC-32) and crc16 (CRC-16/ARC) over the fields packed big-endian.
/// </summary>
public static class EswHashes
{
    public const int CnpCacheSize = 1024;
    public const int VerifiedPairsSize = 4096;

    /// <summary>SYN cookie: crc32(src IP, dst IP, src port, dst port, secret) of the SYN (the client's view).</summary>
    public static uint Cookie(IPv4Address clientIp, IPv4Address serverIp, ushort clientPort, ushort serverPort, uint secret)
    {
        Span<byte> data = stackalloc byte[16];
        clientIp.WriteTo(data);
        serverIp.WriteTo(data[4..]);
        BinaryPrimitives.WriteUInt16BigEndian(data[8..], clientPort);
        BinaryPrimitives.WriteUInt16BigEndian(data[10..], serverPort);
        BinaryPrimitives.WriteUInt32BigEndian(data[12..], secret);
        return Crc32.Compute(data);
    }

    /// <summary>verified_pairs index of (DC host, WAN host).</summary>
    public static uint PairIndex(IPv4Address localIp, IPv4Address remoteIp)
    {
        Span<byte> data = stackalloc byte[8];
        localIp.WriteTo(data);
        remoteIp.WriteTo(data[4..]);
        return Crc32.Compute(data) % VerifiedPairsSize;
    }

    /// <summary>cnp_cache index and tag of (local IP, local QPN): crc32 and crc16 of the 7 bytes IP ‖ QPN:24.</summary>
    public static (uint Index, ushort Tag) CacheSlot(IPv4Address localIp, uint localQpn)
    {
        Span<byte> data = stackalloc byte[7];
        localIp.WriteTo(data);
        data[4] = (byte)(localQpn >> 16);
        data[5] = (byte)(localQpn >> 8);
        data[6] = (byte)localQpn;
        return (Crc32.Compute(data) % CnpCacheSize, Crc16Arc(data));
    }

    /// <summary>CRC-16/ARC (poly 0x8005 reflected, init 0, no final XOR): BMv2's crc16.</summary>
    public static ushort Crc16Arc(ReadOnlySpan<byte> data)
    {
        ushort crc = 0;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0xA001) : (ushort)(crc >> 1);
            }
        }

        return crc;
    }
}
