using Themis.Packets.Checksums;
using Themis.Packets.Ethernet;
using Themis.Packets.IPv4;
using Themis.Packets.Udp;

namespace Themis.Packets.RoCE;

/// <summary>Builds complete RoCEv2 frames (Ethernet II / IPv4 / UDP 4791 / BTH / payload / ICRC).</summary>
public static class RoceV2Packets
{
    private const int HeadersSize = EthernetHeader.Size + IPv4Header.Size + UdpHeader.Size + Bth.Size;

    /// <summary>Builds a data frame as <paramref name="spec"/> describes, with IPv4 checksum and (by default) ICRC filled in.</summary>
    public static byte[] BuildData(RoceV2DataPacketSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var payload = spec.Payload.Span;
        var frame = new byte[HeadersSize + payload.Length + Icrc.Size];
        WriteHeaders(
            frame, spec.SourceMac, spec.DestinationMac, spec.SourceIp, spec.DestinationIp, TosByte.Compose(spec.Dscp, spec.Ecn),
            spec.Ttl, spec.Identification, spec.UdpSourcePort, spec.Bth, payload.Length);
        payload.CopyTo(frame.AsSpan(HeadersSize));

        // The ICRC masks the UDP checksum but the UDP checksum covers the ICRC, so the ICRC goes first.
        FinishIcrc(frame, spec.ComputeIcrc ? null : spec.IcrcOverride);
        if (spec.ComputeUdpChecksum)
        {
            var udp = frame.AsSpan(EthernetHeader.Size + IPv4Header.Size);
            var checksum = InternetChecksum.ComputeUdp(spec.SourceIp, spec.DestinationIp, udp);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(udp[6..], checksum);
        }

        return frame;
    }

    /// <summary>Builds a CNP: BTH opcode 0x81 with BECN set, 16 reserved zero bytes, valid IPv4 checksum and ICRC, UDP checksum 0.</summary>
    public static byte[] BuildCnp(CnpSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var frame = new byte[RoceV2.CnpFrameSize];
        var bth = new Bth
        {
            Opcode = (byte)BthOpcode.Cnp,
            PKey = spec.PKey,
            Becn = true,
            DestQp = spec.DestQp,
            Psn = spec.Psn,
        };
        WriteHeaders(
            frame, spec.SourceMac, spec.DestinationMac, spec.SourceIp, spec.DestinationIp, TosByte.Compose(spec.Dscp, spec.Ecn),
            spec.Ttl, spec.Identification, spec.UdpSourcePort, bth, RoceV2.CnpPaddingSize);
        FinishIcrc(frame, null);
        return frame;
    }

    /// <summary>
    /// The CNP the Themis ESW answers a CE-marked data frame with (PNP): addressed from the data packet's
    /// destination back to its source, Ethernet source = the switch, Ethernet destination = the data frame's
    /// source MAC, DestQP = <paramref name="senderQpn"/>, P_Key and UDP source port copied, DSCP as configured.
    /// </summary>
    public static byte[] BuildCnpFor(in RoceV2Frame data, uint senderQpn, MacAddress switchMac, byte dscp = RoceV2.DefaultCnpDscp) =>
        BuildCnp(new CnpSpec
        {
            SourceMac = switchMac,
            DestinationMac = data.Ethernet.Source,
            SourceIp = data.IPv4.Destination,
            DestinationIp = data.IPv4.Source,
            DestQp = senderQpn,
            PKey = data.Bth.PKey,
            Dscp = dscp,
            UdpSourcePort = data.Udp.SourcePort,
        });

    private static void WriteHeaders(
        Span<byte> frame, MacAddress sourceMac, MacAddress destinationMac, IPv4Address sourceIp, IPv4Address destinationIp,
        byte tos, byte ttl, ushort identification, ushort udpSourcePort, in Bth bth, int payloadLength)
    {
        var ipLength = IPv4Header.Size + UdpHeader.Size + Bth.Size + payloadLength + Icrc.Size;
        if (ipLength > ushort.MaxValue)
        {
            throw new ArgumentException($"A {payloadLength}-byte payload does not fit one IPv4 packet; keep it under 65,488 bytes.");
        }

        new EthernetHeader(destinationMac, sourceMac, EtherTypes.IPv4).WriteTo(frame);
        new IPv4Header
        {
            Ihl = 5,
            Tos = tos,
            TotalLength = (ushort)ipLength,
            Identification = identification,
            Flags = 0b010,
            Ttl = ttl,
            Protocol = IPProtocols.Udp,
            Source = sourceIp,
            Destination = destinationIp,
        }.WriteWithChecksumTo(frame[EthernetHeader.Size..]);
        var udpLength = (ushort)(ipLength - IPv4Header.Size);
        new UdpHeader(udpSourcePort, RoceV2.UdpPort, udpLength, 0).WriteTo(frame[(EthernetHeader.Size + IPv4Header.Size)..]);
        bth.WriteTo(frame[(EthernetHeader.Size + IPv4Header.Size + UdpHeader.Size)..]);
    }

    private static void FinishIcrc(Span<byte> frame, uint? overrideValue)
    {
        var ip = frame[EthernetHeader.Size..];
        uint value;
        if (overrideValue is { } v)
        {
            value = v;
        }
        else if (!Icrc.TryCompute(ip[..^Icrc.Size], out value))
        {
            throw new InvalidOperationException("The frame just built is not IPv4/UDP/BTH; this is a bug in RoceV2Packets.");
        }

        Icrc.Write(value, ip[^Icrc.Size..]);
    }
}
