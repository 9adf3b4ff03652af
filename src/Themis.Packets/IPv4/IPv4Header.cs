using System.Buffers.Binary;

namespace Themis.Packets.IPv4;

/// <summary>
/// IPv4 header (RFC 791). <see cref="Size"/> is the option-less length; <see cref="HeaderLength"/> is what
/// <see cref="Ihl"/> says. Options are not kept: <see cref="WriteTo"/> writes an option-less header.
/// </summary>
public readonly record struct IPv4Header
{
    public const int Size = 20;

    public byte Ihl { get; init; }
    public byte Tos { get; init; }
    public ushort TotalLength { get; init; }
    public ushort Identification { get; init; }

    /// <summary>The three flag bits (reserved, DF, MF) in the low bits.</summary>
    public byte Flags { get; init; }
    public ushort FragmentOffset { get; init; }
    public byte Ttl { get; init; }
    public byte Protocol { get; init; }
    public ushort HeaderChecksum { get; init; }
    public IPv4Address Source { get; init; }
    public IPv4Address Destination { get; init; }

    public byte Dscp => TosByte.GetDscp(Tos);
    public Ecn Ecn => TosByte.GetEcn(Tos);
    public int HeaderLength => Ihl * 4;

    /// <summary>Reads a header; false when the span is shorter than the header, the version is not 4 or IHL is below 5.</summary>
    public static bool TryReadFrom(ReadOnlySpan<byte> source, out IPv4Header header)
    {
        header = default;
        if (source.Length < Size || source[0] >> 4 != 4)
        {
            return false;
        }

        var ihl = (byte)(source[0] & 0x0F);
        if (ihl < 5 || source.Length < ihl * 4)
        {
            return false;
        }

        var flagsAndOffset = BinaryPrimitives.ReadUInt16BigEndian(source[6..]);
        header = new IPv4Header
        {
            Ihl = ihl,
            Tos = source[1],
            TotalLength = BinaryPrimitives.ReadUInt16BigEndian(source[2..]),
            Identification = BinaryPrimitives.ReadUInt16BigEndian(source[4..]),
            Flags = (byte)(flagsAndOffset >> 13),
            FragmentOffset = (ushort)(flagsAndOffset & 0x1FFF),
            Ttl = source[8],
            Protocol = source[9],
            HeaderChecksum = BinaryPrimitives.ReadUInt16BigEndian(source[10..]),
            Source = IPv4Address.ReadFrom(source[12..]),
            Destination = IPv4Address.ReadFrom(source[16..]),
        };
        return true;
    }

    /// <summary>Writes the 20-byte option-less header as given (IHL forced to 5; checksum as held).</summary>
    public void WriteTo(Span<byte> destination)
    {
        _ = destination[Size - 1];
        destination[0] = 0x45;
        destination[1] = Tos;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], TotalLength);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], Identification);
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], (ushort)((Flags << 13) | (FragmentOffset & 0x1FFF)));
        destination[8] = Ttl;
        destination[9] = Protocol;
        BinaryPrimitives.WriteUInt16BigEndian(destination[10..], HeaderChecksum);
        Source.WriteTo(destination[12..]);
        Destination.WriteTo(destination[16..]);
    }

    /// <summary>Writes the header and fills in its checksum.</summary>
    public void WriteWithChecksumTo(Span<byte> destination)
    {
        WriteTo(destination);
        Checksums.InternetChecksum.WriteIPv4HeaderChecksum(destination[..Size]);
    }
}
