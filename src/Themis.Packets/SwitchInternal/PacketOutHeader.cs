using System.Buffers.Binary;

namespace Themis.Packets.SwitchInternal;

/// <summary>
/// The <c>packet_out</c> controller header (header.p4 <c>packet_out_header_t</c>), 2 bytes: egress_port (9 bits),
/// _pad0 (7 bits). The frame after it is sent out of egress_port unchanged, unless it is a Themis control
/// packet, which the switch executes instead (egress_port is then ignored).
/// </summary>
public readonly record struct PacketOutHeader(ushort EgressPort)
{
    public const int Size = 2;

    public static bool TryReadFrom(ReadOnlySpan<byte> source, out PacketOutHeader header)
    {
        if (source.Length < Size)
        {
            header = default;
            return false;
        }

        header = new PacketOutHeader((ushort)(BinaryPrimitives.ReadUInt16BigEndian(source) >> 7));
        return true;
    }

    public void WriteTo(Span<byte> destination)
    {
        if (EgressPort > 0x1FF)
        {
            throw new InvalidOperationException($"Port {EgressPort} does not fit the 9-bit egress_port.");
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(EgressPort << 7));
    }
}
