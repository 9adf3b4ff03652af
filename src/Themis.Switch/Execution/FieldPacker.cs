using System.Numerics;

namespace Themis.Switch.Execution;

/// <summary>
/// Packs a field list bit by bit, MSB first, zero-padded to a whole byte at the end — the byte
/// string BMv2 feeds its hash and checksum calculations.
/// </summary>
internal sealed class FieldPacker(Val[] parts)
{
    public int TotalBits { get; } = parts.Sum(p => p.Width);

    public int TotalBytes => (TotalBits + 7) / 8;

    public int Pack(PacketState s, Span<byte> buffer)
    {
        int bytes = TotalBytes;
        buffer[..bytes].Clear();
        int bit = 0;
        foreach (Val part in parts)
        {
            if (part.IsWide)
            {
                Bits.WriteWide(buffer, bit, part.Width, part.W!(s));
            }
            else
            {
                Bits.Write(buffer, bit, part.Width, part.N!(s));
            }

            bit += part.Width;
        }

        return bytes;
    }

    /// <summary>The packed bits as one integer (for hash inputs up to 64 bits, BMv2 identity).</summary>
    public BigInteger PackedValue(PacketState s, Span<byte> buffer) => Bits.FromBytes(buffer[..Pack(s, buffer)]);
}
