using Themis.Packets;
using Themis.Packets.Daemon;
using Themis.Packets.Ethernet;
using Themis.Packets.IPv4;
using Themis.Packets.Udp;
using PacketDaemonEvent = Themis.Packets.Daemon.DaemonEvent;

namespace Themis.Controller.Internal;

/// <summary>
/// Turns a punted daemon frame into a <see cref="DaemonEvent"/>, or says why not. The checks, in order: the
/// frame came in on a DC-facing port; it is IPv4/UDP to the control IP and daemon port; the payload decodes
/// (v0 only when enabled); a v1 MAC verifies under the key of the datagram's own source address (key id =
/// the host's IPv4 address); the sequence number is fresh and the timestamp near the controller's clock.
/// Never throws on the frame's bytes.
/// </summary>
internal sealed class DaemonPacketReader
{
    private readonly HashSet<uint> _dcPorts;
    private readonly uint _controlIp;
    private readonly ushort _udpPort;
    private readonly DaemonDecodeOptions _options;
    private readonly ReplayGuard _replay;

    public DaemonPacketReader(ControllerConfig config, ReplayGuard replay)
    {
        _dcPorts = config.Ports.Dc.ToHashSet();
        Ipv4.TryParse(config.ControlIp, out _controlIp);
        _udpPort = (ushort)config.Daemon.Port;
        _replay = replay;
        var keys = new List<KeyValuePair<uint, byte[]>>();
        foreach ((string host, string hex) in config.Daemon.Keys)
        {
            if (Ipv4.TryParse(host, out uint ip) && ControllerConfigLoader.TryParseHexKey(hex, out byte[]? key))
            {
                keys.Add(new(ip, key));
            }
        }

        _options = new DaemonDecodeOptions
        {
            AcceptV0 = config.Daemon.AcceptV0,
            RequireAuthentication = true,
            Keys = new DaemonKeyRing(keys),
        };
    }

    /// <summary>
    /// Reads one frame. On success returns null and sets <paramref name="daemonEvent"/> (a heartbeat returns
    /// <see cref="DaemonOutcome.Heartbeat"/>); otherwise the outcome to count. <paramref name="sourceIp"/> is
    /// set whenever the IPv4 header could be read, for the log.
    /// </summary>
    public DaemonOutcome? TryRead(ReadOnlySpan<byte> frame, uint ingressPort, out DaemonEvent daemonEvent, out uint sourceIp)
    {
        daemonEvent = default;
        sourceIp = 0;
        if (!_dcPorts.Contains(ingressPort))
        {
            return DaemonOutcome.WrongPort;
        }

        if (!EthernetHeader.TryReadFrom(frame, out EthernetHeader eth) || eth.EtherType != 0x0800
            || !IPv4Header.TryReadFrom(frame[EthernetHeader.Size..], out IPv4Header ip))
        {
            return DaemonOutcome.Malformed;
        }

        sourceIp = ip.Source.Value;
        int udpOffset = EthernetHeader.Size + ip.HeaderLength;
        if (ip.Protocol != 17 || ip.Destination.Value != _controlIp || ip.FragmentOffset != 0 || (ip.Flags & 0x1) != 0
            || !UdpHeader.TryReadFrom(frame[udpOffset..], out UdpHeader udp) || udp.DestinationPort != _udpPort
            || udp.Length < UdpHeader.Size || udpOffset + udp.Length > frame.Length)
        {
            return DaemonOutcome.Malformed;
        }

        ReadOnlySpan<byte> payload = frame.Slice(udpOffset + UdpHeader.Size, udp.Length - UdpHeader.Size);
        DaemonDecodeStatus status = DaemonPacketCodec.TryDecode(payload, _options, out DaemonMessage message);
        switch (status)
        {
            case DaemonDecodeStatus.Ok:
                break;
            case DaemonDecodeStatus.V0NotAccepted:
                return DaemonOutcome.FormatRejected;
            case DaemonDecodeStatus.AuthenticationRequired:
                return DaemonOutcome.Unauthenticated;
            case DaemonDecodeStatus.UnknownKey:
                return DaemonOutcome.UnknownHost;
            case DaemonDecodeStatus.BadMac:
                return DaemonOutcome.BadMac;
            default:
                return DaemonOutcome.Malformed;
        }

        if (message.Format == DaemonFormat.V1)
        {
            // Keys are per host: the key id is the owner's address, and it must be the datagram's source.
            if (message.KeyId != sourceIp)
            {
                return DaemonOutcome.WrongKey;
            }

            var timestamp = DateTimeOffset.UnixEpoch.AddTicks((long)Math.Min(message.TimestampNanoseconds / 100, (ulong)(DateTimeOffset.MaxValue - DateTimeOffset.UnixEpoch).Ticks));
            if (_replay.Check(sourceIp, message.Sequence, timestamp) is { } refused)
            {
                return refused;
            }
        }

        switch (message.Event)
        {
            case PacketDaemonEvent.QpReady:
                daemonEvent = new DaemonEvent(sourceIp, DaemonEventKind.Create, message.RemoteIp.Value, message.LocalQpn, message.RemoteQpn);
                return null;
            case PacketDaemonEvent.QpDestroyed:
                daemonEvent = new DaemonEvent(sourceIp, DaemonEventKind.Destroy, 0, message.LocalQpn, 0);
                return null;
            default:
                return DaemonOutcome.Heartbeat;
        }
    }
}
