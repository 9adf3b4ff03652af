namespace Themis.Esw.Tests.Support;

/// <summary>One header field of a frame: its P4 name (<c>ipv4.ttl</c>), where it starts (in bits) and how wide it is.</summary>
public readonly record struct PacketField(string Name, int BitOffset, int BitWidth)
{
    /// <summary>The field's value (fields up to 64 bits; wider ones give their last 64 bits).</summary>
    public ulong ValueIn(ReadOnlySpan<byte> frame)
    {
        ulong value = 0;
        for (int bit = BitOffset; bit < BitOffset + BitWidth; bit++)
        {
            int b = bit / 8;
            int bitValue = b < frame.Length ? (frame[b] >> (7 - (bit % 8))) & 1 : 0;
            value = (value << 1) | (uint)bitValue;
        }

        return value;
    }

    public bool FitsIn(int frameLength) => BitOffset + BitWidth <= frameLength * 8;
}
