using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using PacketDotNet;
using Themis.Packets.Checksums;
using Themis.Packets.Daemon;
using Themis.Packets.Ethernet;
using Themis.Packets.IPv4;
using Themis.Packets.RoCE;
using Themis.Packets.SwitchInternal;
using Themis.Packets.Tcp;

namespace Themis.Esw.Tests.Support;

/// <summary>
/// Frames as the paper's figures draw them: a host sends to a host through the ESW. Standard headers (TCP, UDP,
/// IPv4, Ethernet) come from PacketDotNet, RoCEv2 (BTH, CNP, ICRC), daemon packets and the switch-internal headers
/// from Themis.Packets. Frames a host sends are addressed to the switch's MAC (it is their next hop).
/// </summary>
public static class EswPackets
{
    /// <summary>A RoCEv2 data packet of a flow: <paramref name="from"/> writes to QP <paramref name="destQp"/> on <paramref name="to"/>.</summary>
    public static byte[] RoceData(
        TestHost from, TestHost to, uint destQp, uint psn, Ecn ecn = Ecn.Ect0, int payloadBytes = 32,
        BthOpcode opcode = BthOpcode.RcRdmaWriteMiddle, ushort pKey = Bth.DefaultPKey, byte ttl = 64, ushort udpSourcePort = 0xC000)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return RoceV2Packets.BuildData(new RoceV2DataPacketSpec
        {
            SourceMac = from.Mac,
            DestinationMac = EswTopology.SwitchMac,
            SourceIp = from.Ip,
            DestinationIp = to.Ip,
            Bth = new Bth { Opcode = (byte)opcode, PKey = pKey, DestQp = destQp, Psn = psn },
            Payload = Pattern(payloadBytes, (byte)psn),
            Ecn = ecn,
            Ttl = ttl,
            UdpSourcePort = udpSourcePort,
        });
    }

    /// <summary>A CNP a receiver NIC sends: <paramref name="from"/> tells QP <paramref name="destQp"/> on <paramref name="to"/> to slow down.</summary>
    public static byte[] ReceiverCnp(TestHost from, TestHost to, uint destQp, ushort pKey = Bth.DefaultPKey) =>
        RoceV2Packets.BuildCnp(new CnpSpec
        {
            SourceMac = from.Mac,
            DestinationMac = EswTopology.SwitchMac,
            SourceIp = from.Ip,
            DestinationIp = to.Ip,
            DestQp = destQp,
            PKey = pKey,
        });

    /// <summary>A TCP segment (no payload) from <paramref name="from"/> to <paramref name="to"/>, checksums filled in by PacketDotNet.</summary>
    public static byte[] Tcp(
        TestHost from, TestHost to, ushort sport, ushort dport, TcpFlags flags, uint seq, uint ack,
        ushort window = 64240, byte[]? options = null, byte dscp = 0, byte ttl = 64)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return TcpFrame(from.Mac, EswTopology.SwitchMac, from.Ip, to.Ip, sport, dport, flags, seq, ack, window, options, dscp, ttl, id: 0x4242);
    }

    /// <summary>Any TCP frame, every field given (the expected replies of the handshake monitor are built with this).</summary>
    public static byte[] TcpFrame(
        MacAddress srcMac, MacAddress dstMac, IPv4Address srcIp, IPv4Address dstIp, ushort sport, ushort dport, TcpFlags flags,
        uint seq, uint ack, ushort window, byte[]? options, byte dscp, byte ttl, ushort id)
    {
        var tcp = new TcpPacket(sport, dport)
        {
            SequenceNumber = seq,
            AcknowledgmentNumber = ack,
            Flags = (ushort)flags,
            WindowSize = window,
        };
        var ip = new IPv4Packet(ToIp(srcIp), ToIp(dstIp))
        {
            TimeToLive = ttl,
            Id = id,
            FragmentFlags = 0b010,
            TypeOfService = (byte)(dscp << 2),
            PayloadPacket = tcp,
        };
        var ethernet = new EthernetPacket(ToMac(srcMac), ToMac(dstMac), EthernetType.IPv4) { PayloadPacket = ip };
        ethernet.UpdateCalculatedValues();
        tcp.UpdateTcpChecksum();
        ip.UpdateIPChecksum();
        return options is { Length: > 0 } ? WithTcpOptions(ethernet.Bytes, options) : ethernet.Bytes;
    }

    /// <summary>Inserts TCP options (a multiple of 4 bytes) after the 20-byte header, fixing data offset, lengths and checksums.</summary>
    private static byte[] WithTcpOptions(byte[] frame, byte[] options)
    {
        if (options.Length % 4 != 0 || options.Length > 40)
        {
            throw new ArgumentException("TCP options must be padded to a multiple of 4 bytes, at most 40.", nameof(options));
        }

        const int tcpAt = EthernetHeader.Size + IPv4Header.Size;
        byte[] result = [.. frame.AsSpan(0, tcpAt + TcpHeader.Size), .. options, .. frame.AsSpan(tcpAt + TcpHeader.Size)];
        result[tcpAt + 12] = (byte)(((TcpHeader.Size + options.Length) / 4) << 4);
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(EthernetHeader.Size + 2), (ushort)(result.Length - EthernetHeader.Size));
        Span<byte> tcp = result.AsSpan(tcpAt);
        tcp[16] = 0;
        tcp[17] = 0;
        IPv4Address src = IPv4Address.ReadFrom(result.AsSpan(EthernetHeader.Size + 12));
        IPv4Address dst = IPv4Address.ReadFrom(result.AsSpan(EthernetHeader.Size + 16));
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], InternetChecksum.ComputeTcp(src, dst, tcp));
        return FixIpv4Checksum(result);
    }

    /// <summary>A UDP datagram from <paramref name="from"/> to <paramref name="dstIp"/>, UDP checksum filled in.</summary>
    public static byte[] Udp(TestHost from, IPv4Address dstIp, ushort sport, ushort dport, byte[] payload, byte ttl = 64)
    {
        ArgumentNullException.ThrowIfNull(from);
        var udp = new UdpPacket(sport, dport) { PayloadData = payload };
        var ip = new IPv4Packet(ToIp(from.Ip), ToIp(dstIp)) { TimeToLive = ttl, Id = 0x1111, FragmentFlags = 0b010, PayloadPacket = udp };
        var ethernet = new EthernetPacket(ToMac(from.Mac), ToMac(EswTopology.SwitchMac), EthernetType.IPv4) { PayloadPacket = ip };
        ethernet.UpdateCalculatedValues();
        udp.UpdateUdpChecksum();
        ip.UpdateIPChecksum();
        return ethernet.Bytes;
    }

    /// <summary>A host daemon's report (v1, unauthenticated) to the ESW's control IP and daemon port.</summary>
    public static byte[] DaemonReport(TestHost from, IPv4Address remoteIp, uint localQpn, uint remoteQpn, ushort daemonPort = EswTopology.DaemonPort)
    {
        var message = new DaemonMessage(DaemonFormat.V1, DaemonEvent.QpReady, 1, 1_700_000_000_000_000_000, remoteIp, localQpn, remoteQpn, 0, false);
        byte[] payload = new byte[DaemonPacketCodec.V1Size];
        DaemonPacketCodec.EncodeV1(message, payload);
        return Udp(from, EswTopology.ControlIp, 40000, daemonPort, payload);
    }

    /// <summary>A dummy for the loop port (sent as a packet-out).</summary>
    public static byte[] Dummy(ushort id, uint generation = 1) => ThemisFrames.BuildDummy(EswTopology.SwitchMac, id, generation);

    /// <summary>
    /// What routing does to a frame (written here, independently of the program): Ethernet source = switch MAC,
    /// destination = <paramref name="nextHopMac"/>, TTL - 1, IPv4 header checksum recomputed.
    /// </summary>
    public static byte[] Routed(byte[] frame, MacAddress nextHopMac)
    {
        ArgumentNullException.ThrowIfNull(frame);
        byte[] copy = [.. frame];
        nextHopMac.WriteTo(copy);
        EswTopology.SwitchMac.WriteTo(copy.AsSpan(6));
        copy[EthernetHeader.Size + 8]--;
        return FixIpv4Checksum(copy);
    }

    /// <summary>The frame with another ECN codepoint (and its IPv4 checksum fixed).</summary>
    public static byte[] WithEcn(byte[] frame, Ecn ecn)
    {
        ArgumentNullException.ThrowIfNull(frame);
        byte[] copy = [.. frame];
        copy[EthernetHeader.Size + 1] = (byte)((copy[EthernetHeader.Size + 1] & 0xFC) | (byte)ecn);
        return FixIpv4Checksum(copy);
    }

    public static byte[] FixIpv4Checksum(byte[] frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        int ihl = (frame[EthernetHeader.Size] & 0x0F) * 4;
        Span<byte> header = frame.AsSpan(EthernetHeader.Size, ihl);
        header[10] = 0;
        header[11] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], InternetChecksum.Compute(header));
        return frame;
    }

    public static uint PsnOf(byte[] frame) => RoceV2Frame.TryParse(frame, out RoceV2Frame f) == RoceV2ParseStatus.Ok ? f.Bth.Psn : uint.MaxValue;

    public static byte[] Pattern(int length, byte seed = 1) => [.. Enumerable.Range(0, length).Select(i => (byte)((i * 7) + seed))];

    private static IPAddress ToIp(IPv4Address address)
    {
        byte[] bytes = new byte[4];
        address.WriteTo(bytes);
        return new IPAddress(bytes);
    }

    private static PhysicalAddress ToMac(MacAddress mac)
    {
        byte[] bytes = new byte[6];
        mac.WriteTo(bytes);
        return new PhysicalAddress(bytes);
    }
}
