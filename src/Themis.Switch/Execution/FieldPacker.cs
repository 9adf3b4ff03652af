namespace Themis.Switch.Execution;

/// <summary>
/// Packs a field list bit by bit, MSB first, zero-padded to a whole byte at the end — the byte
/// string BMv2 feeds its hash and checksum calculations. A varbit field contributes its current length.
/// </summary>
internal sealed class FieldPacker(PackPart[] parts)
{
    /// <summary>The most bits the list can hold (varbits at their maximum).</summary>
    public int MaxBits { get; } = parts.Sum(p => p.Value?.Width ?? p.Varbit!.MaxWidth);

    public int MaxBytes => (MaxBits + 7) / 8;

    public int Pack(PacketState s, Span<byte> buffer)
    {
        buffer[..MaxBytes].Clear();
        int bit = 0;
        foreach (PackPart part in parts)
        {
            if (part.Value is { } v)
            {
                if (v.IsWide)
                {
                    Bits.WriteWide(buffer, bit, v.Width, v.W!(s));
                }
                else
                {
                    Bits.Write(buffer, bit, v.Width, v.N!(s));
                }

                bit += v.Width;
            }
            else
            {
                VarbitLoc vb = part.Varbit!;
                int length = (int)s.S[vb.LengthSlot];
                Bits.Copy(s.V[vb.Index], 0, buffer, bit, length);
                bit += length;
            }
        }

        return (bit + 7) / 8;
    }
}
