using Themis.Packets.Checksums;
using Themis.Packets.IPv4;

namespace Themis.Cli.Tests.Support;

/// <summary>
/// Where the ESW puts things in its hash-indexed registers, worked out from docs/esw-pipeline.md: cnp_cache index =
/// BMv2 crc32 of IPv4 ‖ QPN:24 modulo 1024, tag = BMv2 crc16 (CRC-16/ARC) of the same 7 bytes, entry = tag:16 | valid:1 |
/// slot:15; verified_pairs index = crc32(local IP, remote IP) modulo 4096.
/// </summary>
internal static class EswHash
{
    public const int CnpCacheSize = 1024;
    public const int VerifiedPairsSize = 4096;

    /// <summary>verified_pairs index of a (local, remote) pair: crc32 of the two addresses modulo 4096.</summary>
    public static uint PairIndex(IPv4Address localIp, IPv4Address remoteIp)
    {
        byte[] key = new byte[8];
        localIp.WriteTo(key);
        remoteIp.WriteTo(key.AsSpan(4));
        return Crc32.Compute(key) % VerifiedPairsSize;
    }

    public static (uint Index, uint Entry) CnpCache(IPv4Address localIp, uint localQpn, int slot)
    {
        byte[] key = new byte[7];
        localIp.WriteTo(key);
        key[4] = (byte)(localQpn >> 16);
        key[5] = (byte)(localQpn >> 8);
        key[6] = (byte)localQpn;
        uint tag = Crc16Arc(key);
        return (Crc32.Compute(key) % CnpCacheSize, (tag << 16) | 0x8000u | ((uint)slot & 0x7FFF));
    }

    // CRC-16/ARC: reflected polynomial 0x8005 (0xA001), initial value 0, no final XOR.
    private static ushort Crc16Arc(ReadOnlySpan<byte> data)
    {
        int crc = 0;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc >> 1) ^ ((crc & 1) * 0xA001);
            }
        }

        return (ushort)crc;
    }
}
