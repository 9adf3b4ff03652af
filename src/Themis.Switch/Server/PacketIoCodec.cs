using Google.Protobuf;
using P4.Config.V1;
using V1 = global::P4.V1;

namespace Themis.Switch.Server;

/// <summary>
/// Converts between PacketOut/PacketIn and CPU-port frames exactly as PI does
/// (proto/frontend/src/packet_io_mgr.cpp): the controller header's fields, from the P4Info
/// ControllerPacketMetadata named packet_out/packet_in, are packed bit by bit in declaration order
/// and the header is padded to a whole byte; missing PacketOut fields are zero.
/// </summary>
internal sealed class PacketIoCodec
{
    private readonly ControllerPacketMetadata? _in;
    private readonly ControllerPacketMetadata? _out;
    private readonly int _inHeaderBytes;

    public PacketIoCodec(P4Info p4Info)
    {
        _in = p4Info.ControllerPacketMetadata.FirstOrDefault(m => m.Preamble.Name == "packet_in");
        _out = p4Info.ControllerPacketMetadata.FirstOrDefault(m => m.Preamble.Name == "packet_out");
        _inHeaderBytes = _in is null ? 0 : (_in.Metadata.Sum(m => m.Bitwidth) + 7) / 8;
    }

    /// <summary>Builds the frame entering ingress on the CPU port.</summary>
    public byte[] EncodePacketOut(V1.PacketOut packet)
    {
        if (_out is null)
        {
            if (packet.Metadata.Count > 0)
            {
                throw UpdateError.Invalid("Unexpected metadata in PacketOut message");
            }

            return packet.Payload.ToByteArray();
        }

        int bits = _out.Metadata.Sum(m => m.Bitwidth);
        int headerBytes = (bits + 7) / 8;
        var frame = new byte[headerBytes + packet.Payload.Length];
        var values = new Dictionary<uint, ByteString>();
        foreach (V1.PacketMetadata m in packet.Metadata)
        {
            if (!_out.Metadata.Any(f => f.Id == m.MetadataId))
            {
                throw UpdateError.Invalid("Unknown metadata id in PacketOut message");
            }

            values[m.MetadataId] = m.Value;
        }

        int offset = 0;
        foreach (ControllerPacketMetadata.Types.Metadata field in _out.Metadata)
        {
            if (values.TryGetValue(field.Id, out ByteString? value))
            {
                byte[] padded = ByteStrings.ToPadded(value, field.Bitwidth, $"PacketOut metadata '{field.Name}'");
                WriteBits(frame, offset, field.Bitwidth, padded);
            }

            offset += field.Bitwidth;
        }

        packet.Payload.Span.CopyTo(frame.AsSpan(headerBytes));
        return frame;
    }

    /// <summary>Splits a CPU-port frame into a PacketIn; null when shorter than the header (PI drops those).</summary>
    public V1.PacketIn? DecodePacketIn(byte[] frame)
    {
        if (_in is null)
        {
            return new V1.PacketIn { Payload = ByteString.CopyFrom(frame) };
        }

        int headerBytes = _inHeaderBytes;
        if (frame.Length < headerBytes)
        {
            return null;
        }

        var result = new V1.PacketIn { Payload = ByteString.CopyFrom(frame.AsSpan(headerBytes)) };
        int offset = 0;
        foreach (ControllerPacketMetadata.Types.Metadata field in _in.Metadata)
        {
            byte[] value = ReadBits(frame, offset, field.Bitwidth);
            result.Metadata.Add(new V1.PacketMetadata { MetadataId = field.Id, Value = ByteStrings.ToCanonical(value, field.Bitwidth) });
            offset += field.Bitwidth;
        }

        return result;
    }

    private static void WriteBits(byte[] target, int bitOffset, int width, byte[] padded)
    {
        int skip = (padded.Length * 8) - width;
        for (int i = 0; i < width; i++)
        {
            int src = skip + i;
            if ((padded[src / 8] & (0x80 >> (src % 8))) != 0)
            {
                int dst = bitOffset + i;
                target[dst / 8] |= (byte)(0x80 >> (dst % 8));
            }
        }
    }

    private static byte[] ReadBits(byte[] source, int bitOffset, int width)
    {
        var result = new byte[(width + 7) / 8];
        int skip = (result.Length * 8) - width;
        for (int i = 0; i < width; i++)
        {
            int src = bitOffset + i;
            if ((source[src / 8] & (0x80 >> (src % 8))) != 0)
            {
                int dst = skip + i;
                result[dst / 8] |= (byte)(0x80 >> (dst % 8));
            }
        }

        return result;
    }
}
