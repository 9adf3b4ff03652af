using System.Buffers.Binary;

namespace Themis.Packets.Ethernet;

/// <summary>Ethernet II header (no VLAN tag).</summary>
public readonly record struct EthernetHeader(MacAddress Destination, MacAddress Source, ushort EtherType)
{
    public const int Size = 14;

    public static bool TryReadFrom(ReadOnlySpan<byte> source, out EthernetHeader header)
    {
        if (source.Length < Size)
        {
            header = default;
            return false;
        }

        header = new EthernetHeader(
            MacAddress.ReadFrom(source),
            MacAddress.ReadFrom(source[6..]),
            BinaryPrimitives.ReadUInt16BigEndian(source[12..]));
        return true;
    }

    public void WriteTo(Span<byte> destination)
    {
        _ = destination[Size - 1];
        Destination.WriteTo(destination);
        Source.WriteTo(destination[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(destination[12..], EtherType);
    }
}
