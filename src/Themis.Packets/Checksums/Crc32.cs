namespace Themis.Packets.Checksums;

/// <summary>
/// CRC-32 of IEEE 802.3 (polynomial 0x04C11DB7, reflected, initial value and final XOR 0xFFFFFFFF), the
/// CRC that zlib, Ethernet's FCS, BMv2's <c>crc32</c> hash and the InfiniBand ICRC use.
/// </summary>
public static class Crc32
{
    private const uint ReflectedPolynomial = 0xEDB88320;
    private static readonly uint[] Table = BuildTable();

    /// <summary>CRC-32 of <paramref name="data"/> (the value zlib's <c>crc32</c> returns).</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => ~Update(0xFFFF_FFFF, data);

    /// <summary>Runs the raw register over more data: start with 0xFFFFFFFF and complement at the end.</summary>
    public static uint Update(uint register, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            register = Table[(register ^ b) & 0xFF] ^ (register >> 8);
        }

        return register;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? ReflectedPolynomial ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
