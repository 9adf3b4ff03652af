using System.Buffers.Binary;

namespace Themis.Packets.Pcap;

/// <summary>
/// Writes classic libpcap files (magic 0xA1B2C3D4 in little-endian, version 2.4, link type 1 = Ethernet),
/// readable by tshark, tcpdump and scapy.
/// </summary>
public sealed class PcapWriter : IDisposable
{
    public const uint LinkTypeEthernet = 1;
    private const int SnapLength = 262_144;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;

    public PcapWriter(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], SnapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], LinkTypeEthernet);
        _stream.Write(header);
    }

    /// <summary>Appends one frame with the given capture time.</summary>
    public void Write(ReadOnlySpan<byte> frame, DateTimeOffset timestamp)
    {
        if (frame.Length > SnapLength)
        {
            throw new ArgumentException($"A {frame.Length}-byte frame exceeds the {SnapLength}-byte snap length.", nameof(frame));
        }

        var sinceEpoch = timestamp - DateTimeOffset.UnixEpoch;
        Span<byte> record = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(sinceEpoch.Ticks / TimeSpan.TicksPerSecond));
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(sinceEpoch.Ticks % TimeSpan.TicksPerSecond / 10));
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)frame.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)frame.Length);
        _stream.Write(record);
        _stream.Write(frame);
    }

    public void Dispose()
    {
        _stream.Flush();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
