namespace Themis.Switch.Runtime.Externs;

/// <summary>
/// A table-driven CRC computed exactly as BMv2's <c>crc_custom</c>: a byte-wise MSB-first table of
/// the normal polynomial, input bytes reflected before use when configured, the remainder reflected
/// at the end when configured, then the final XOR.
/// </summary>
public sealed class Crc
{
    private readonly ulong[] _table = new ulong[256];
    private readonly ulong _widthMask;

    /// <summary>Builds the lookup table for <paramref name="config"/>.</summary>
    public Crc(CrcConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Width is not (8 or 16 or 32 or 64))
        {
            throw new ArgumentException($"CRC width {config.Width} is not supported; use 8, 16, 32 or 64 as BMv2 does.", nameof(config));
        }

        Config = config;
        _widthMask = config.Width == 64 ? ulong.MaxValue : (1UL << config.Width) - 1;
        ulong top = 1UL << (config.Width - 1);
        for (int dividend = 0; dividend < 256; dividend++)
        {
            ulong remainder = ((ulong)dividend << (config.Width - 8)) & _widthMask;
            for (int bit = 0; bit < 8; bit++)
            {
                remainder = (remainder & top) != 0 ? ((remainder << 1) ^ config.Polynomial) & _widthMask : (remainder << 1) & _widthMask;
            }

            _table[dividend] = remainder;
        }
    }

    /// <summary>The definition this instance computes.</summary>
    public CrcConfig Config { get; }

    /// <summary>Computes the CRC of <paramref name="data"/>.</summary>
    public ulong Compute(ReadOnlySpan<byte> data)
    {
        int shift = Config.Width - 8;
        ulong remainder = Config.InitialRemainder & _widthMask;
        foreach (byte b in data)
        {
            ulong input = Config.ReflectData ? Reflect(b, 8) : b;
            int index = (int)((input ^ (remainder >> shift)) & 0xFF);
            remainder = (_table[index] ^ (remainder << 8)) & _widthMask;
        }

        if (Config.ReflectRemainder)
        {
            remainder = Reflect(remainder, Config.Width);
        }

        return (remainder ^ Config.FinalXor) & _widthMask;
    }

    private static ulong Reflect(ulong value, int bits)
    {
        ulong result = 0;
        for (int i = 0; i < bits; i++)
        {
            if ((value & (1UL << i)) != 0)
            {
                result |= 1UL << (bits - 1 - i);
            }
        }

        return result;
    }
}
