using Themis.Switch.Execution;

namespace Themis.Switch.Tests.Execution;

/// <summary>The bit access fast paths (8-byte words, streamed cells) against a bit-by-bit reference.</summary>
public sealed class BitsTests
{
    [Test]
    public void ReadWrite_AnyOffsetAndWidth_MatchBitByBitReference()
    {
        var random = new Random(4);
        for (int trial = 0; trial < 5000; trial++)
        {
            int length = random.Next(1, 24);
            byte[] data = new byte[length];
            random.NextBytes(data);
            byte[] reference = (byte[])data.Clone();
            int width = random.Next(0, Math.Min(64, (length * 8)) + 1);
            int offset = random.Next(0, (length * 8) - width + 1);
            ulong value = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40);

            Assert.That(Bits.Read(data, offset, width), Is.EqualTo(ReferenceRead(data, offset, width)), $"read {width} bits at {offset} of {length} bytes");
            Bits.Write(data, offset, width, value);
            ReferenceWrite(reference, offset, width, value);
            Assert.That(data, Is.EqualTo(reference), $"write {width} bits at {offset} of {length} bytes");
        }
    }

    [Test]
    public void WriteCells_AlignedAndUnaligned_MatchFieldByFieldWrites()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 2000; trial++)
        {
            int count = random.Next(1, 8);
            int[] widths = [.. Enumerable.Range(0, count).Select(_ => random.Next(1, 65))];
            int[] slots = [.. Enumerable.Range(0, count).Select(i => count - 1 - i)];
            ulong[] cells = [.. widths.Select(w => (ulong)random.NextInt64() & (w == 64 ? ulong.MaxValue : (1UL << w) - 1)).Reverse()];
            int start = random.Next(0, 2) == 0 ? 8 * random.Next(0, 3) : random.Next(0, 24);
            int bits = widths.Sum();
            byte[] actual = new byte[((start + bits + 7) / 8) + random.Next(0, 10)];
            byte[] expected = (byte[])actual.Clone();
            int at = start;
            for (int i = 0; i < count; i++)
            {
                ReferenceWrite(expected, at, widths[i], cells[slots[i]]);
                at += widths[i];
            }

            Assert.That(Bits.WriteCells(actual, start, cells, slots, widths), Is.EqualTo(bits));
            Assert.That(actual, Is.EqualTo(expected), $"fields {string.Join(",", widths)} from bit {start}");
        }
    }

    private static ulong ReferenceRead(byte[] data, int offset, int width)
    {
        ulong v = 0;
        for (int i = 0; i < width; i++)
        {
            int pos = offset + i;
            v = (v << 1) | (uint)((data[pos >> 3] >> (7 - (pos & 7))) & 1);
        }

        return v;
    }

    private static void ReferenceWrite(byte[] data, int offset, int width, ulong value)
    {
        for (int i = 0; i < width; i++)
        {
            int pos = offset + i;
            int bit = (int)((value >> (width - 1 - i)) & 1);
            int mask = 0x80 >> (pos & 7);
            data[pos >> 3] = (byte)(bit != 0 ? data[pos >> 3] | mask : data[pos >> 3] & ~mask);
        }
    }
}
