using System.Security.Cryptography;

namespace Themis.Switch.Runtime.Externs;

/// <summary>
/// The hash functions of v1model's <c>hash</c> extern with BMv2's byte semantics
/// (bm_sim/calculations.cpp). The input is the field list packed bit by bit and zero-padded to a
/// whole byte, as BMv2's calculation buffer is.
/// </summary>
public static class Hashes
{
    private static readonly Crc Crc16Instance = new(CrcConfig.Crc16);
    private static readonly Crc Crc32Instance = new(CrcConfig.Crc32);

    /// <summary>Computes <paramref name="algorithm"/> over <paramref name="data"/>.</summary>
    public static ulong Compute(HashAlgorithm algorithm, ReadOnlySpan<byte> data) => algorithm switch
    {
        HashAlgorithm.Crc16 or HashAlgorithm.Crc16Custom => Crc16Instance.Compute(data),
        HashAlgorithm.Crc32 or HashAlgorithm.Crc32Custom => Crc32Instance.Compute(data),
        HashAlgorithm.Identity => Identity(data),
        HashAlgorithm.Csum16 => Csum16(data),
        HashAlgorithm.Xor16 => Xor16(data),
        HashAlgorithm.Random => (ulong)RandomNumberGenerator.GetInt32(int.MaxValue) << 32 | (uint)RandomNumberGenerator.GetInt32(int.MaxValue),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown hash algorithm."),
    };

    /// <summary>
    /// The Internet checksum (RFC 1071): ones' complement of the ones' complement sum of big-endian
    /// 16-bit words, an odd last byte padded with zero, as BMv2's csum16/cksum16.
    /// </summary>
    public static ushort Csum16(ReadOnlySpan<byte> data)
    {
        ulong sum = 0;
        int i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += (uint)((data[i] << 8) | data[i + 1]);
        }

        if (i < data.Length)
        {
            sum += (uint)(data[i] << 8);
        }

        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    /// <summary>XOR of big-endian 16-bit words, the last one zero-padded (BMv2 xor16).</summary>
    public static ushort Xor16(ReadOnlySpan<byte> data)
    {
        int result = 0;
        int i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            result ^= (data[i] << 8) | data[i + 1];
        }

        if (i < data.Length)
        {
            result ^= data[i] << 8;
        }

        return (ushort)result;
    }

    /// <summary>The first (at most) 8 bytes as a big-endian integer (BMv2 identity).</summary>
    public static ulong Identity(ReadOnlySpan<byte> data)
    {
        ulong result = 0;
        int n = Math.Min(8, data.Length);
        for (int i = 0; i < n; i++)
        {
            result = (result << 8) | data[i];
        }

        return result;
    }
}
