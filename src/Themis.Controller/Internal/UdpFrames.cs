using Themis.Packets;
using Themis.Packets.Ethernet;
using Themis.Packets.IPv4;
using Themis.Packets.Udp;

namespace Themis.Controller.Internal;

/// <summary>Builds Ethernet/IPv4/UDP frames (UDP checksum 0, allowed over IPv4) for emulated hosts.</summary>
internal static class UdpFrames
{
    public static byte[] Build(
        MacAddress source, MacAddress destination, uint sourceIp, uint destinationIp,
        ushort sourcePort, ushort destinationPort, ReadOnlySpan<byte> payload, byte dscp = 0)
    {
        int ipLength = IPv4Header.Size + UdpHeader.Size + payload.Length;
        byte[] frame = new byte[EthernetHeader.Size + ipLength];
        new EthernetHeader(destination, source, 0x0800).WriteTo(frame);
        new IPv4Header
        {
            Ihl = 5,
            Tos = (byte)(dscp << 2),
            TotalLength = (ushort)ipLength,
            Ttl = 64,
            Protocol = 17,
            Source = new IPv4Address(sourceIp),
            Destination = new IPv4Address(destinationIp),
        }.WriteWithChecksumTo(frame.AsSpan(EthernetHeader.Size));
        new UdpHeader(sourcePort, destinationPort, (ushort)(UdpHeader.Size + payload.Length), 0)
            .WriteTo(frame.AsSpan(EthernetHeader.Size + IPv4Header.Size));
        payload.CopyTo(frame.AsSpan(EthernetHeader.Size + IPv4Header.Size + UdpHeader.Size));
        return frame;
    }
}
