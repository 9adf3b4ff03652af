using System.Buffers.Binary;
using System.Numerics;

namespace Themis.Switch.Execution;

/// <summary>Big-endian (network order, MSB first) bit access to byte buffers, as packets carry fields.</summary>
internal static class Bits
{
    /// <summary>Reads <paramref name="width"/> (≤ 64) bits starting at bit <paramref name="bitOffset"/>.</summary>
    public static ulong Read(ReadOnlySpan<byte> data, int bitOffset, int width)
    {
        if (width == 0)
        {
            return 0;
        }

        int index = bitOffset >> 3;
        int shift = bitOffset & 7;
        if (shift + width <= 64 && index + 8 <= data.Length)
        {
            // Hot path: one big-endian 8-byte load covers the field.
            ulong word = BinaryPrimitives.ReadUInt64BigEndian(data[index..]);
            return (word << shift) >> (64 - width);
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
        if (width == 0)
        {
            return;
        }

        int index = bitOffset >> 3;
        int shift = bitOffset & 7;
        int end = shift + width;
        if (end > 64)
        {
            // 57..64 bits not byte aligned: split in two writes.
            int high = width - 32;
            Write(data, bitOffset, high, value >> 32);
            Write(data, bitOffset + high, 32, value & uint.MaxValue);
            return;
        }

        if (index + 8 <= data.Length)
        {
            // Hot path: read-modify-write one big-endian 8-byte word (the bytes around the field are written back unchanged).
            Span<byte> at = data[index..];
            int low = 64 - end;
            ulong mask = Types.Mask(width) << low;
            ulong word = BinaryPrimitives.ReadUInt64BigEndian(at);
            BinaryPrimitives.WriteUInt64BigEndian(at, (word & ~mask) | ((value << low) & mask));
            return;
        }

        int bytes = (end + 7) >> 3;
        int tail = (bytes * 8) - end;
        ulong acc = 0;
        for (int i = 0; i < bytes; i++)
        {
            acc = (acc << 8) | data[index + i];
        }

        ulong fieldMask = Types.Mask(width) << tail;
        acc = (acc & ~fieldMask) | ((value << tail) & fieldMask);
        for (int i = bytes - 1; i >= 0; i--)
        {
            data[index + i] = (byte)acc;
            acc >>= 8;
        }
    }

    /// <summary>
    /// Writes narrow cells back to back (<paramref name="widths"/>[i] bits of cells[slots[i]], each
    /// already masked to its width) starting at <paramref name="bitOffset"/>; returns the bits written.
    /// From a byte boundary the bits stream through an accumulator a byte at a time (the deparser and
    /// checksum hot path); a trailing partial byte has its low bits zero.
    /// </summary>
    public static int WriteCells(Span<byte> data, int bitOffset, ulong[] cells, int[] slots, int[] widths)
    {
        if ((bitOffset & 7) != 0)
        {
            int at = bitOffset;
            for (int i = 0; i < slots.Length; i++)
            {
                Write(data, at, widths[i], cells[slots[i]]);
                at += widths[i];
            }

            return at - bitOffset;
        }

        int pos = bitOffset >> 3;
        int total = 0;
        ulong acc = 0;
        int pending = 0;
        for (int i = 0; i < slots.Length; i++)
        {
            int width = widths[i];
            ulong value = cells[slots[i]];
            total += width;
            if (width > 56)
            {
                // Keep pending + width within 64 bits: the high part first.
                int high = width - 32;
                acc = (acc << high) | (value >> 32);
                pending += high;
                while (pending >= 8)
                {
                    pending -= 8;
                    data[pos++] = (byte)(acc >> pending);
                }

                width = 32;
                value &= uint.MaxValue;
            }

            acc = (acc << width) | value;
            pending += width;
            while (pending >= 8)
            {
                pending -= 8;
                data[pos++] = (byte)(acc >> pending);
            }
        }

        if (pending > 0)
        {
            data[pos] = (byte)(acc << (8 - pending));
        }

        return total;
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
