using Themis.Packets.Pcap;
using Themis.Packets.Ethernet;
using Themis.Packets.IPv4;
using Themis.Packets.RoCE;

namespace Themis.Packets.Tests.Support;

/// <summary>Frames the outside-decoder tests hand to scapy and tshark: varied CNPs and data packets.</summary>
internal static class SamplePackets
{
    public static readonly MacAddress SwitchMac = MacAddress.Parse("02:00:00:00:00:01");

    public static IReadOnlyList<(string Name, byte[] Frame, bool IsCnp, uint DestQp, ushort PKey, byte Dscp, uint Psn)> All() =>
    [
        ("cnp-default", RoceV2Packets.BuildCnp(new CnpSpec
        {
            SourceMac = SwitchMac,
            DestinationMac = MacAddress.Parse("02:00:00:00:00:0a"),
            SourceIp = IPv4Address.Parse("10.0.0.2"),
            DestinationIp = IPv4Address.Parse("10.0.0.1"),
            DestQp = 0x123,
        }), true, 0x123u, (ushort)0xFFFF, (byte)48, 0u),
        ("cnp-varied", RoceV2Packets.BuildCnp(new CnpSpec
        {
            SourceMac = SwitchMac,
            DestinationMac = MacAddress.Parse("0a:bb:cc:dd:ee:ff"),
            SourceIp = IPv4Address.Parse("192.0.2.200"),
            DestinationIp = IPv4Address.Parse("198.51.100.3"),
            DestQp = 0xFFFFFE,
            PKey = 0x8001,
            Dscp = 46,
            Ttl = 3,
            Identification = 0xBEEF,
            UdpSourcePort = 0xFFEE,
        }), true, 0xFFFFFEu, (ushort)0x8001, (byte)46, 0u),
        ("data-write-ce", RoceV2Packets.BuildData(new RoceV2DataPacketSpec
        {
            SourceMac = MacAddress.Parse("02:00:00:00:00:0a"),
            DestinationMac = SwitchMac,
            SourceIp = IPv4Address.Parse("10.0.0.1"),
            DestinationIp = IPv4Address.Parse("10.1.0.1"),
            Ecn = Ecn.CongestionExperienced,
            Bth = new Bth { Opcode = (byte)BthOpcode.RcRdmaWriteMiddle, DestQp = 0x4242, Psn = 0xABCDE, AckRequest = true },
            Payload = Enumerable.Range(0, 1024).Select(i => (byte)(i * 7)).ToArray(),
        }), false, 0x4242u, (ushort)0xFFFF, (byte)26, 0xABCDEu),
        ("data-send-udp-checksum", RoceV2Packets.BuildData(new RoceV2DataPacketSpec
        {
            SourceMac = MacAddress.Parse("02:00:00:00:00:0a"),
            DestinationMac = SwitchMac,
            SourceIp = IPv4Address.Parse("10.0.0.9"),
            DestinationIp = IPv4Address.Parse("10.1.0.7"),
            ComputeUdpChecksum = true,
            Bth = new Bth { Opcode = (byte)BthOpcode.RcSendOnly, DestQp = 1, Psn = 0xFFFFFF, PadCount = 3 },
            Payload = new byte[] { 1, 2, 3, 4, 5, 0, 0, 0 },
        }), false, 1u, (ushort)0xFFFF, (byte)26, 0xFFFFFFu),
    ];

    public static string WritePcap(IEnumerable<byte[]> frames)
    {
        var path = Path.Combine(Path.GetTempPath(), $"themis-packets-{Guid.NewGuid():N}.pcap");
        using var stream = File.Create(path);
        using var writer = new PcapWriter(stream);
        var time = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var frame in frames)
        {
            writer.Write(frame, time);
            time = time.AddMilliseconds(1);
        }

        return path;
    }
}
