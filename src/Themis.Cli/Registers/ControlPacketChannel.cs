using System.Security.Cryptography;
using P4.Config.V1;
using P4.V1;
using Themis.Cli.Connection;
using Themis.Cli.Esw;
using Themis.P4Runtime;
using Themis.P4Runtime.Entities;
using Themis.P4Runtime.Info;
using Themis.Packets.SwitchInternal;

namespace Themis.Cli.Registers;

/// <summary>
/// Register operations through the ESW's control packets (control_packet.p4): a packet-out carrying an
/// Ethernet + control header, answered by a packet-in with reason CONTROL_REPLY and the same request id.
/// This is how registers are read and reset on BMv2, whose P4Runtime server refuses RegisterEntry reads and
/// writes (DESIGN §4). Needs primacy: servers send packet-ins to the primary only and drop a backup's packet-outs.
/// </summary>
internal sealed class ControlPacketChannel
{
    private readonly SwitchSession _session;
    private readonly P4RuntimeClient _client;
    private readonly PacketMetadataCodec _codec;
    private readonly ControllerPacketMetadata _packetOut;
    private uint _nextRequestId;

    private ControlPacketChannel(SwitchSession session, P4RuntimeClient client, P4InfoIndex index, ControllerPacketMetadata packetOut)
    {
        _session = session;
        _client = client;
        _codec = new PacketMetadataCodec(index);
        _packetOut = packetOut;
        // Random start: replies to an earlier themisctl run still queued in the switch must not match.
        _nextRequestId = (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue);
    }

    public static async Task<ControlPacketChannel> OpenAsync(SwitchSession session, P4InfoIndex index, string purpose, CancellationToken cancellationToken)
    {
        if (!index.TryGetControllerPacketMetadata(EswNames.PacketOut, out ControllerPacketMetadata packetOut)
            || !index.TryGetControllerPacketMetadata(EswNames.PacketIn, out _))
        {
            throw CliException.Refused(
                $"{purpose}: the pipeline declares no {EswNames.PacketOut}/{EswNames.PacketIn} controller headers, so the ESW's "
                + "control packets cannot be used. Is the ESW program loaded?");
        }

        P4RuntimeClient client = await session.GetPrimaryAsync(purpose, cancellationToken).ConfigureAwait(false);
        return new ControlPacketChannel(session, client, index, packetOut);
    }

    /// <summary>Sends one control request and returns the switch's answer.</summary>
    public async Task<ControlHeader> ExecuteAsync(ControlOp op, uint index, CancellationToken cancellationToken)
    {
        uint requestId = _nextRequestId++;
        byte[] frame = ThemisFrames.BuildControlRequest(op, index, requestId);
        // Every declared packet_out field must be given; the control header decides what happens, not the port.
        (string, object)[] metadata = [.. _packetOut.Metadata.Select(m => (m.Name, (object)0UL))];
        PacketOut packet = _codec.PacketOut(frame, metadata);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_session.Settings.Timeout);
        try
        {
            await _client.SendPacketOutAsync(packet, timeout.Token).ConfigureAwait(false);
            await foreach (PacketIn packetIn in _client.ReadPacketInsAsync(timeout.Token).ConfigureAwait(false))
            {
                if (TryMatch(packetIn, requestId, out ControlHeader reply))
                {
                    return reply;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw CliException.Refused(
                $"No answer to the {op} control packet (index {index}) within {_session.Settings.Timeout.TotalSeconds:0.###} s. "
                + "The switch must run the ESW program with a CPU port (BMv2 --cpu-port) for control packets to work.");
        }
        catch (P4RuntimeException ex)
        {
            throw SwitchErrors.FromClient(ex, $"Sending the {op} control packet", _session.Settings);
        }

        throw CliException.Refused($"The P4Runtime stream closed before the switch answered the {op} control packet (index {index}).");
    }

    private bool TryMatch(PacketIn packetIn, uint requestId, out ControlHeader reply)
    {
        reply = default;
        IReadOnlyDictionary<string, ulong> metadata;
        try
        {
            metadata = _codec.DecodePacketIn(packetIn);
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or Themis.P4Runtime.Encoding.P4BytesException)
        {
            // Untrusted bytes: a packet-in we cannot decode is not our answer.
            _session.Verbose($"ignored a packet-in with unreadable metadata: {ex.Message}");
            return false;
        }

        return metadata.TryGetValue(EswNames.PacketInReason, out ulong reason)
            && reason == EswNames.PuntReasonControlReply
            && ThemisFrames.TryReadControl(packetIn.Payload.Span, out reply)
            && reply.RequestId == requestId;
    }
}
