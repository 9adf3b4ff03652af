namespace Themis.Switch.Execution;

/// <summary>
/// Packs a field list bit by bit, MSB first, zero-padded to a whole byte at the end — the byte
/// string BMv2 feeds its hash and checksum calculations. A varbit field contributes its current length.
/// </summary>
internal sealed class FieldPacker(PackPart[] parts)
{
    // When every part is a narrow cell (the usual checksum and hash lists): cells and widths for a loop without evaluator calls.
    private readonly int[]? _slots = parts.All(p => p.Slot >= 0) ? [.. parts.Select(p => p.Slot)] : null;
    private readonly int[] _widths = [.. parts.Select(p => p.Value?.Width ?? 0)];

    /// <summary>The most bits the list can hold (varbits at their maximum).</summary>
    public int MaxBits { get; } = parts.Sum(p => p.Value?.Width ?? p.Varbit!.MaxWidth);

    public int MaxBytes => (MaxBits + 7) / 8;

    public int Pack(PacketState s, Span<byte> buffer)
    {
        buffer[..MaxBytes].Clear();
        if (_slots is { } slots)
        {
            return (Bits.WriteCells(buffer, 0, s.S, slots, _widths) + 7) / 8;
        }

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
