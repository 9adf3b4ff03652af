using Google.Protobuf;
using P4.Config.V1;
using P4.V1;
using Themis.P4Runtime.Encoding;
using Themis.P4Runtime.Info;

namespace Themis.P4Runtime.Entities;

/// <summary>
/// Encodes packet-out and decodes packet-in metadata by field name, using the
/// <c>@controller_header("packet_out")</c> / <c>("packet_in")</c> descriptions in the P4Info.
/// </summary>
public sealed class PacketMetadataCodec
{
    private readonly ControllerPacketMetadata? _packetIn;
    private readonly ControllerPacketMetadata? _packetOut;

    public PacketMetadataCodec(P4InfoIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        _packetIn = index.TryGetControllerPacketMetadata("packet_in", out ControllerPacketMetadata i) ? i : null;
        _packetOut = index.TryGetControllerPacketMetadata("packet_out", out ControllerPacketMetadata o) ? o : null;
    }

    /// <summary>Builds a PacketOut with <paramref name="payload"/> and the named metadata values.</summary>
    /// <exception cref="InvalidOperationException">The program declares no packet_out header, or a field is missing.</exception>
    public PacketOut PacketOut(ReadOnlySpan<byte> payload, params (string Name, object Value)[] metadata)
    {
        ControllerPacketMetadata header = _packetOut
            ?? throw new InvalidOperationException("The P4 program declares no @controller_header(\"packet_out\") header, so it cannot receive packet-outs.");
        var packet = new PacketOut { Payload = ByteString.CopyFrom(payload) };
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string name, object value) in metadata)
        {
            ControllerPacketMetadata.Types.Metadata field = P4InfoIndex.PacketMetadataField(header, name);
            given.Add(name);
            packet.Metadata.Add(new PacketMetadata { MetadataId = field.Id, Value = P4Value.Encode(value, field.Bitwidth) });
        }

        string[] missing = header.Metadata.Where(m => !given.Contains(m.Name)).Select(m => m.Name).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidOperationException($"packet_out needs metadata field(s) {string.Join(", ", missing)}.");
        }

        return packet;
    }

    /// <summary>Decodes the metadata of a PacketIn as name → value (values of up to 64 bits).</summary>
    public IReadOnlyDictionary<string, ulong> DecodePacketIn(PacketIn packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        ControllerPacketMetadata header = _packetIn
            ?? throw new InvalidOperationException("The P4 program declares no @controller_header(\"packet_in\") header.");
        var result = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (PacketMetadata m in packet.Metadata)
        {
            ControllerPacketMetadata.Types.Metadata? field = header.Metadata.FirstOrDefault(f => f.Id == m.MetadataId);
            if (field is null)
            {
                throw new InvalidDataException($"PacketIn metadata id {m.MetadataId} is not a field of packet_in ({string.Join(", ", header.Metadata.Select(f => $"{f.Id}={f.Name}"))}).");
            }

            result[field.Name] = P4Bytes.DecodeUInt64(m.Value, Math.Min(field.Bitwidth, 64));
        }

        return result;
    }
}
