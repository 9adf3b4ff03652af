namespace Themis.Packets.SwitchInternal;

/// <summary>
/// A 32-bit <c>cnp_cache</c> register value: tag (16 bits, CRC-16 of local IP and QPN) | valid (1) | slot (15).
/// Zero means empty, which is what a reset writes and what BMv2 starts with.
/// </summary>
public readonly record struct CnpCacheEntry(ushort Tag, ushort Slot, bool Valid)
{
    public const ushort MaxSlot = 0x7FFF;

    public static CnpCacheEntry FromRaw(uint raw) =>
        new((ushort)(raw >> 16), (ushort)(raw & MaxSlot), (raw & 0x8000) != 0);

    public uint ToRaw()
    {
        if (Slot > MaxSlot)
        {
            throw new InvalidOperationException($"Slot {Slot} does not fit the 15 slot bits of a cache entry.");
        }

        return ((uint)Tag << 16) | (Valid ? 0x8000u : 0) | Slot;
    }
}
