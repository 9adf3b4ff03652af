using System.Buffers.Binary;

namespace Themis.Packets.SwitchInternal;

/// <summary>
/// The <c>packet_in</c> controller header (header.p4 <c>packet_in_header_t</c>), 16 bytes before the frame on the CPU port:
/// <code>
/// bits  9  ingress_port
/// bits  7  _pad0
/// bits  8  reason          (PuntReason)
/// bits 16  slot
/// bits 24  local_qpn
/// bits 32  cache_index
/// bits 32  cache_entry
/// </code>
/// Over P4Runtime the same fields arrive as PacketIn metadata with ids 1..7 in this order.
/// </summary>
public readonly record struct PacketInHeader(ushort IngressPort, PuntReason Reason, ushort Slot, uint LocalQpn, uint CacheIndex, uint CacheEntry)
{
    public const int Size = 16;

    public static bool TryReadFrom(ReadOnlySpan<byte> source, out PacketInHeader header)
    {
        if (source.Length < Size)
        {
            header = default;
            return false;
        }

        var first = BinaryPrimitives.ReadUInt16BigEndian(source);
        header = new PacketInHeader(
            (ushort)(first >> 7),
            (PuntReason)source[2],
            BinaryPrimitives.ReadUInt16BigEndian(source[3..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[4..]) & 0xFF_FFFF,
            BinaryPrimitives.ReadUInt32BigEndian(source[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[12..]));
        return true;
    }

    public void WriteTo(Span<byte> destination)
    {
        _ = destination[Size - 1];
        if (IngressPort > 0x1FF || LocalQpn > 0xFF_FFFF)
        {
            throw new InvalidOperationException($"Port {IngressPort} needs at most 9 bits and QPN {LocalQpn} at most 24.");
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(IngressPort << 7));
        destination[2] = (byte)Reason;
        BinaryPrimitives.WriteUInt16BigEndian(destination[3..], Slot);
        destination[5] = (byte)(LocalQpn >> 16);
        destination[6] = (byte)(LocalQpn >> 8);
        destination[7] = (byte)LocalQpn;
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], CacheIndex);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], CacheEntry);
    }
}
