using System.Buffers.Binary;
using Themis.Packets.Checksums;
using Themis.Packets.Daemon;
using Themis.Packets.Ethernet;
using Themis.Packets.IPv4;
using Themis.Packets.RoCE;
using Themis.Packets.Tcp;
using Themis.Packets.Udp;

namespace Themis.Controller.Host.Demo;

/// <summary>
/// A host of the scenario: builds the frames a real host would put on its link — TCP segments of a connection
/// set-up, its Themis daemon's signed reports, RoCEv2 data and CNPs. Stateless apart from the daemon's sequence.
/// </summary>
internal sealed class EmulatedHost
{
    private readonly byte[]? _daemonKey;
    private ulong _sequence;

    public EmulatedHost(string name, IPv4Address ip, MacAddress mac, MacAddress gatewayMac, byte[]? daemonKey = null)
    {
        Name = name;
        Ip = ip;
        Mac = mac;
        GatewayMac = gatewayMac;
        _daemonKey = daemonKey;
    }

    public string Name { get; }

    public IPv4Address Ip { get; }

    public MacAddress Mac { get; }

    /// <summary>Where the host sends everything off its subnet (the ESW, or the WAN router for remote hosts).</summary>
    public MacAddress GatewayMac { get; }

    public override string ToString() => $"{Name} ({Ip})";

    public byte[] Tcp(IPv4Address to, ushort sourcePort, ushort destinationPort, TcpFlags flags, uint seq, uint ack)
    {
        byte[] frame = new byte[EthernetHeader.Size + IPv4Header.Size + TcpHeader.Size];
        new EthernetHeader(GatewayMac, Mac, EtherTypes.IPv4).WriteTo(frame);
        new IPv4Header
        {
            Ihl = 5,
            TotalLength = IPv4Header.Size + TcpHeader.Size,
            Flags = 0b010,
            Ttl = 64,
            Protocol = IPProtocols.Tcp,
            Source = Ip,
            Destination = to,
        }.WriteWithChecksumTo(frame.AsSpan(EthernetHeader.Size));
        Span<byte> tcp = frame.AsSpan(EthernetHeader.Size + IPv4Header.Size);
        new TcpHeader
        {
            SourcePort = sourcePort,
            DestinationPort = destinationPort,
            SequenceNumber = seq,
            AcknowledgmentNumber = ack,
            DataOffset = 5,
            Flags = flags,
            Window = 65535,
        }.WriteTo(tcp);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], InternetChecksum.ComputeTcp(Ip, to, tcp));
        return frame;
    }

    /// <summary>The daemon's signed v1 report that local QP <paramref name="localQpn"/> talks to the remote QP (or was destroyed).</summary>
    public byte[] DaemonReport(IPv4Address controlIp, ushort daemonPort, bool created, uint localQpn, IPv4Address remoteIp = default, uint remoteQpn = 0)
    {
        var message = new DaemonMessage(
            DaemonFormat.V1,
            created ? DaemonEvent.QpReady : DaemonEvent.QpDestroyed,
            ++_sequence,
            (ulong)(DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100,
            created ? remoteIp : IPv4Address.Any,
            localQpn,
            created ? remoteQpn : 0,
            Ip.Value,
            false);
        byte[] payload = new byte[DaemonPacketCodec.V1AuthenticatedSize];
        int length = DaemonPacketCodec.EncodeV1(message, payload, Ip.Value, _daemonKey ?? throw new InvalidOperationException($"{Name} has no daemon key."));
        return Udp(controlIp, 40000, daemonPort, payload.AsSpan(0, length), dscp: 48);
    }

    public byte[] RoceData(IPv4Address to, uint destQp, uint psn, Ecn ecn, int payloadBytes = 256) => RoceV2Packets.BuildData(new RoceV2DataPacketSpec
    {
        SourceMac = Mac,
        DestinationMac = GatewayMac,
        SourceIp = Ip,
        DestinationIp = to,
        Bth = new Bth { Opcode = (byte)BthOpcode.RcSendOnly, PKey = Bth.DefaultPKey, DestQp = destQp, Psn = psn },
        Payload = new byte[payloadBytes],
        Ecn = ecn,
    });

    /// <summary>The CNP this host's NIC sends, as a receiver, to the remote sender's QP.</summary>
    public byte[] Cnp(IPv4Address to, uint senderQpn) => RoceV2Packets.BuildCnp(new CnpSpec
    {
        SourceMac = Mac,
        DestinationMac = GatewayMac,
        SourceIp = Ip,
        DestinationIp = to,
        DestQp = senderQpn,
    });

    private byte[] Udp(IPv4Address to, ushort sourcePort, ushort destinationPort, ReadOnlySpan<byte> payload, byte dscp)
    {
        int ipLength = IPv4Header.Size + UdpHeader.Size + payload.Length;
        byte[] frame = new byte[EthernetHeader.Size + ipLength];
        new EthernetHeader(GatewayMac, Mac, EtherTypes.IPv4).WriteTo(frame);
        new IPv4Header
        {
            Ihl = 5,
            Tos = TosByte.Compose(dscp, Ecn.NotEct),
            TotalLength = (ushort)ipLength,
            Ttl = 64,
            Protocol = IPProtocols.Udp,
            Source = Ip,
            Destination = to,
        }.WriteWithChecksumTo(frame.AsSpan(EthernetHeader.Size));
        new UdpHeader(sourcePort, destinationPort, (ushort)(UdpHeader.Size + payload.Length), 0).WriteTo(frame.AsSpan(EthernetHeader.Size + IPv4Header.Size));
        payload.CopyTo(frame.AsSpan(EthernetHeader.Size + IPv4Header.Size + UdpHeader.Size));
        return frame;
    }

    /// <summary>True when <paramref name="frame"/> is an IPv4 TCP segment with exactly these flags; its header in <paramref name="tcp"/>.</summary>
    public static bool IsTcp(byte[] frame, TcpFlags flags, out TcpHeader tcp)
    {
        tcp = default;
        return EthernetHeader.TryReadFrom(frame, out EthernetHeader eth) && eth.EtherType == EtherTypes.IPv4
            && IPv4Header.TryReadFrom(frame.AsSpan(EthernetHeader.Size), out IPv4Header ip) && ip.Protocol == IPProtocols.Tcp
            && TcpHeader.TryReadFrom(frame.AsSpan(EthernetHeader.Size + ip.HeaderLength), out tcp) && tcp.Flags == flags;
    }
}
