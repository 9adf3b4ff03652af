using Themis.Packets.Ethernet;
using Themis.Packets.IPv4;
using Themis.Packets.Udp;

namespace Themis.Packets.RoCE;

/// <summary>
/// A parsed Ethernet/IPv4/UDP/BTH frame. Offsets index the frame that was parsed; the payload runs from
/// <see cref="PayloadOffset"/> for <see cref="PayloadLength"/> bytes and the ICRC follows it. Ethernet padding
/// after the IPv4 total length is ignored.
/// </summary>
public readonly record struct RoceV2Frame(
    EthernetHeader Ethernet,
    IPv4Header IPv4,
    UdpHeader Udp,
    Bth Bth,
    int IPv4Offset,
    int PayloadOffset,
    int PayloadLength,
    uint Icrc,
    bool IcrcValid)
{
    /// <summary>Offset one past the ICRC, i.e. the end of the IPv4 packet.</summary>
    public int IPv4End => PayloadOffset + PayloadLength + RoCE.Icrc.Size;

    /// <summary>Parses a frame; never throws on malformed input.</summary>
    public static RoceV2ParseStatus TryParse(ReadOnlySpan<byte> frame, out RoceV2Frame parsed)
    {
        parsed = default;
        if (!EthernetHeader.TryReadFrom(frame, out var ethernet))
        {
            return RoceV2ParseStatus.TooShortForEthernet;
        }

        if (ethernet.EtherType != EtherTypes.IPv4)
        {
            return RoceV2ParseStatus.NotIPv4;
        }

        var ip = frame[EthernetHeader.Size..];
        if (!IPv4Header.TryReadFrom(ip, out var ipv4))
        {
            return RoceV2ParseStatus.BadIPv4Header;
        }

        if (ipv4.TotalLength < ipv4.HeaderLength || ipv4.TotalLength > ip.Length)
        {
            return RoceV2ParseStatus.IPv4TotalLengthInvalid;
        }

        ip = ip[..ipv4.TotalLength];
        if (ipv4.FragmentOffset != 0 || (ipv4.Flags & 0b001) != 0)
        {
            return RoceV2ParseStatus.Fragmented;
        }

        if (ipv4.Protocol != IPProtocols.Udp)
        {
            return RoceV2ParseStatus.NotUdp;
        }

        var l4 = ip[ipv4.HeaderLength..];
        if (!UdpHeader.TryReadFrom(l4, out var udp) || udp.Length < UdpHeader.Size || udp.Length > l4.Length)
        {
            return RoceV2ParseStatus.UdpLengthInvalid;
        }

        if (udp.DestinationPort != RoceV2.UdpPort)
        {
            return RoceV2ParseStatus.NotRoceV2Port;
        }

        var transport = l4[UdpHeader.Size..udp.Length];
        if (!Bth.TryReadFrom(transport, out var bth))
        {
            return RoceV2ParseStatus.TooShortForBth;
        }

        if (transport.Length < Bth.Size + RoCE.Icrc.Size)
        {
            return RoceV2ParseStatus.TooShortForIcrc;
        }

        var payloadOffset = EthernetHeader.Size + ipv4.HeaderLength + UdpHeader.Size + Bth.Size;
        var payloadLength = transport.Length - Bth.Size - RoCE.Icrc.Size;
        var ipEnd = ipv4.HeaderLength + udp.Length;
        var icrcValue = RoCE.Icrc.Read(transport[^RoCE.Icrc.Size..]);
        var valid = RoCE.Icrc.IsValid(ip[..ipEnd]);
        parsed = new RoceV2Frame(ethernet, ipv4, udp, bth, EthernetHeader.Size, payloadOffset, payloadLength, icrcValue, valid);
        return RoceV2ParseStatus.Ok;
    }
}
