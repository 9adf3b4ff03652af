using System.Buffers.Binary;

namespace Themis.Packets.SwitchInternal;

/// <summary>
/// The <c>dummy</c> header (header.p4 <c>dummy_t</c>) of the packets that keep the loop port busy, 8 bytes after
/// Ethernet (EtherType 0x88B5): kind = 2 (8 bits), reserved (8), dummy_id (16), generation (32). Padding after it
/// sets the dummy's length and so the time one loop pass takes.
/// </summary>
public readonly record struct DummyHeader(ushort DummyId, uint Generation)
{
    public const int Size = 8;

    public static bool TryReadFrom(ReadOnlySpan<byte> source, out DummyHeader header)
    {
        if (source.Length < Size || source[0] != (byte)ThemisHeaderKind.Dummy)
        {
            header = default;
            return false;
        }

        header = new DummyHeader(BinaryPrimitives.ReadUInt16BigEndian(source[2..]), BinaryPrimitives.ReadUInt32BigEndian(source[4..]));
        return true;
    }

    public void WriteTo(Span<byte> destination)
    {
        _ = destination[Size - 1];
        destination[0] = (byte)ThemisHeaderKind.Dummy;
        destination[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], DummyId);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Generation);
    }
}
