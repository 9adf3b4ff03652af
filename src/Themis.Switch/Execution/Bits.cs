using System.Numerics;

namespace Themis.Switch.Execution;

/// <summary>Big-endian (network order, MSB first) bit access to byte buffers, as packets carry fields.</summary>
internal static class Bits
{
    /// <summary>Reads <paramref name="width"/> (≤ 64) bits starting at bit <paramref name="bitOffset"/>.</summary>
    public static ulong Read(ReadOnlySpan<byte> data, int bitOffset, int width)
    {
        int index = bitOffset >> 3;
        int shift = bitOffset & 7;
        if (shift == 0 && (width & 7) == 0)
        {
            ulong v = 0;
            for (int i = 0; i < width >> 3; i++)
            {
                v = (v << 8) | data[index + i];
            }

            return v;
        }

        int bytes = (shift + width + 7) >> 3;
        if (bytes <= 8)
        {
            ulong acc = 0;
            for (int i = 0; i < bytes; i++)
            {
                acc = (acc << 8) | data[index + i];
            }

            return (acc >> ((bytes * 8) - shift - width)) & Types.Mask(width);
        }

        // 57..64 bits not byte aligned: split in two reads.
        int high = width - 32;
        return (Read(data, bitOffset, high) << 32) | Read(data, bitOffset + high, 32);
    }

    /// <summary>Writes the low <paramref name="width"/> (≤ 64) bits of <paramref name="value"/> at bit <paramref name="bitOffset"/>.</summary>
    public static void Write(Span<byte> data, int bitOffset, int width, ulong value)
    {
        int index = bitOffset >> 3;
        int shift = bitOffset & 7;
        if (shift == 0 && (width & 7) == 0)
        {
            for (int i = (width >> 3) - 1; i >= 0; i--)
            {
                data[index + i] = (byte)value;
                value >>= 8;
            }

            return;
        }

        for (int bit = width - 1; bit >= 0; bit--)
        {
            int pos = bitOffset + (width - 1 - bit);
            int mask = 0x80 >> (pos & 7);
            if (((value >> bit) & 1) != 0)
            {
                data[pos >> 3] |= (byte)mask;
            }
            else
            {
                data[pos >> 3] &= (byte)~mask;
            }
        }
    }

    /// <summary>Reads a bit string of any width as a non-negative integer.</summary>
    public static BigInteger ReadWide(ReadOnlySpan<byte> data, int bitOffset, int width)
    {
        BigInteger v = BigInteger.Zero;
        int done = 0;
        while (done < width)
        {
            int n = Math.Min(32, width - done);
            v = (v << n) | Read(data, bitOffset + done, n);
            done += n;
        }

        return v;
    }

    /// <summary>Writes a non-negative integer of any width.</summary>
    public static void WriteWide(Span<byte> data, int bitOffset, int width, BigInteger value)
    {
        int done = 0;
        while (done < width)
        {
            int n = Math.Min(32, width - done);
            int shift = width - done - n;
            Write(data, bitOffset + done, n, (ulong)((value >> shift) & uint.MaxValue) & Types.Mask(n));
            done += n;
        }
    }

    /// <summary>Copies <paramref name="width"/> bits between buffers at arbitrary bit offsets.</summary>
    public static void Copy(ReadOnlySpan<byte> from, int fromBit, Span<byte> to, int toBit, int width)
    {
        if ((fromBit & 7) == 0 && (toBit & 7) == 0)
        {
            int whole = width >> 3;
            from.Slice(fromBit >> 3, whole).CopyTo(to[(toBit >> 3)..]);
            fromBit += whole * 8;
            toBit += whole * 8;
            width -= whole * 8;
        }

        while (width > 0)
        {
            int n = Math.Min(32, width);
            Write(to, toBit, n, Read(from, fromBit, n));
            fromBit += n;
            toBit += n;
            width -= n;
        }
    }

    /// <summary>Big-endian bytes of a value, right-aligned in <paramref name="bytes"/> bytes.</summary>
    public static byte[] ToBytes(BigInteger value, int bytes)
    {
        var result = new byte[bytes];
        for (int i = bytes - 1; i >= 0 && !value.IsZero; i--)
        {
            result[i] = (byte)(value & 0xFF);
            value >>= 8;
        }

        return result;
    }

    /// <summary>The integer value of big-endian bytes.</summary>
    public static BigInteger FromBytes(ReadOnlySpan<byte> bytes) => new(bytes, isUnsigned: true, isBigEndian: true);
}
