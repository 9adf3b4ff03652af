using System.Buffers.Binary;

namespace Themis.Packets.SwitchInternal;

/// <summary>
/// The <c>loop</c> header (header.p4 <c>loop_t</c>) between Ethernet (EtherType 0x88B5) and IPv4 of a throttled
/// packet on the loop port, 8 bytes:
/// <code>
/// bits  8  kind = 1
/// bits  8  loops_left       passes still to make
/// bits 16  slot             flow slot of Algorithm 1
/// bits 16  orig_ether_type  restored when the packet leaves the loop
/// bits  8  passes           passes made so far
/// bits  8  held             extra passes waited to keep the flow in PSN order
/// </code>
/// </summary>
public readonly record struct LoopHeader(byte LoopsLeft, ushort Slot, ushort OriginalEtherType, byte Passes, byte Held = 0)
{
    public const int Size = 8;

    public static bool TryReadFrom(ReadOnlySpan<byte> source, out LoopHeader header)
    {
        if (source.Length < Size || source[0] != (byte)ThemisHeaderKind.Loop)
        {
            header = default;
            return false;
        }

        header = new LoopHeader(source[1], BinaryPrimitives.ReadUInt16BigEndian(source[2..]), BinaryPrimitives.ReadUInt16BigEndian(source[4..]), source[6], source[7]);
        return true;
    }

    public void WriteTo(Span<byte> destination)
    {
        _ = destination[Size - 1];
        destination[0] = (byte)ThemisHeaderKind.Loop;
        destination[1] = LoopsLeft;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Slot);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], OriginalEtherType);
        destination[6] = Passes;
        destination[7] = Held;
    }
}
