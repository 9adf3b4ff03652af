using System.Buffers.Binary;

namespace Themis.Packets.Udp;

/// <summary>UDP header (RFC 768).</summary>
public readonly record struct UdpHeader(ushort SourcePort, ushort DestinationPort, ushort Length, ushort Checksum)
{
    public const int Size = 8;

    public static bool TryReadFrom(ReadOnlySpan<byte> source, out UdpHeader header)
    {
        if (source.Length < Size)
        {
            header = default;
            return false;
        }

        header = new UdpHeader(
            BinaryPrimitives.ReadUInt16BigEndian(source),
            BinaryPrimitives.ReadUInt16BigEndian(source[2..]),
            BinaryPrimitives.ReadUInt16BigEndian(source[4..]),
            BinaryPrimitives.ReadUInt16BigEndian(source[6..]));
        return true;
    }

    public void WriteTo(Span<byte> destination)
    {
        _ = destination[Size - 1];
        BinaryPrimitives.WriteUInt16BigEndian(destination, SourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], DestinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], Length);
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], Checksum);
    }
}
