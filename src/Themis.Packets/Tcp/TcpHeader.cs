using System.Buffers.Binary;

namespace Themis.Packets.Tcp;

/// <summary>TCP header without options (RFC 9293 §3.1); <see cref="DataOffset"/> tells how long the real one was.</summary>
public readonly record struct TcpHeader
{
    public const int Size = 20;

    public ushort SourcePort { get; init; }
    public ushort DestinationPort { get; init; }
    public uint SequenceNumber { get; init; }
    public uint AcknowledgmentNumber { get; init; }

    /// <summary>Header length in 32-bit words (5 without options).</summary>
    public byte DataOffset { get; init; }
    public TcpFlags Flags { get; init; }
    public ushort Window { get; init; }
    public ushort Checksum { get; init; }
    public ushort UrgentPointer { get; init; }

    public static bool TryReadFrom(ReadOnlySpan<byte> source, out TcpHeader header)
    {
        header = default;
        if (source.Length < Size)
        {
            return false;
        }

        var offset = (byte)(source[12] >> 4);
        if (offset < 5)
        {
            return false;
        }

        header = new TcpHeader
        {
            SourcePort = BinaryPrimitives.ReadUInt16BigEndian(source),
            DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(source[2..]),
            SequenceNumber = BinaryPrimitives.ReadUInt32BigEndian(source[4..]),
            AcknowledgmentNumber = BinaryPrimitives.ReadUInt32BigEndian(source[8..]),
            DataOffset = offset,
            Flags = (TcpFlags)source[13],
            Window = BinaryPrimitives.ReadUInt16BigEndian(source[14..]),
            Checksum = BinaryPrimitives.ReadUInt16BigEndian(source[16..]),
            UrgentPointer = BinaryPrimitives.ReadUInt16BigEndian(source[18..]),
        };
        return true;
    }

    /// <summary>Writes a 20-byte header; the data offset written is 5 whatever <see cref="DataOffset"/> holds.</summary>
    public void WriteTo(Span<byte> destination)
    {
        _ = destination[Size - 1];
        BinaryPrimitives.WriteUInt16BigEndian(destination, SourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], DestinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], AcknowledgmentNumber);
        destination[12] = 5 << 4;
        destination[13] = (byte)Flags;
        BinaryPrimitives.WriteUInt16BigEndian(destination[14..], Window);
        BinaryPrimitives.WriteUInt16BigEndian(destination[16..], Checksum);
        BinaryPrimitives.WriteUInt16BigEndian(destination[18..], UrgentPointer);
    }
}
