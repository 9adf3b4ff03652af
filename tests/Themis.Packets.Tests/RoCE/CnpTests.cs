using Themis.Packets.Checksums;
using Themis.Packets.Ethernet;
using Themis.Packets.IPv4;
using Themis.Packets.RoCE;
using Themis.Packets.Tests.Support;

namespace Themis.Packets.Tests.RoCE;

public sealed class CnpTests
{
    private static readonly MacAddress SwitchMac = MacAddress.Parse("02:00:00:00:00:01");
    private static readonly MacAddress SenderMac = MacAddress.Parse("02:00:00:00:00:0a");

    // Worked out field by field from Annex A17.9.2 (BTH opcode 0x81, BECN, 16 reserved bytes) and RFC 791/768;
    // the IPv4 checksum and ICRC were computed separately with an ordinary ones'-complement sum and zlib.crc32.
    private const string HandBuiltCnp = """
        02000000000a 020000000001 0800
        45 c0 003c 0000 4000 40 11 25ef 0a000002 0a000001
        c000 12b7 0028 0000
        81 00 ffff 40 000123 00 000000
        00000000000000000000000000000000
        d2372fb0
        """;

    [Test]
    public void BuildCnp_HandBuiltExample_SameBytes()
    {
        var cnp = RoceV2Packets.BuildCnp(new CnpSpec
        {
            SourceMac = SwitchMac,
            DestinationMac = SenderMac,
            SourceIp = IPv4Address.Parse("10.0.0.2"),
            DestinationIp = IPv4Address.Parse("10.0.0.1"),
            DestQp = 0x123,
        });

        Assert.That(Hex.Dump(cnp), Is.EqualTo(Hex.Dump(Hex.Parse(HandBuiltCnp))));
        Assert.That(cnp, Has.Length.EqualTo(RoceV2.CnpFrameSize));
    }

    [Test]
    public void BuildCnpFor_CeMarkedData_AddressedBackToSenderQp()
    {
        var data = RoceV2Packets.BuildData(new RoceV2DataPacketSpec
        {
            SourceMac = SenderMac,
            DestinationMac = SwitchMac,
            SourceIp = IPv4Address.Parse("10.0.0.1"),
            DestinationIp = IPv4Address.Parse("10.0.0.2"),
            Ecn = Ecn.CongestionExperienced,
            UdpSourcePort = 0xC000,
            Bth = new Bth { Opcode = (byte)BthOpcode.RcRdmaWriteMiddle, DestQp = 0x777, Psn = 99 },
            Payload = new byte[256],
        });
        Assert.That(RoceV2Frame.TryParse(data, out var parsed), Is.EqualTo(RoceV2ParseStatus.Ok));

        var cnp = RoceV2Packets.BuildCnpFor(parsed, senderQpn: 0x123, SwitchMac);

        Assert.That(Hex.Dump(cnp), Is.EqualTo(Hex.Dump(Hex.Parse(HandBuiltCnp))));
    }

    [Test]
    public void TryParse_BuiltCnp_FieldsAndIcrcValid()
    {
        var cnp = RoceV2Packets.BuildCnp(new CnpSpec
        {
            SourceMac = SwitchMac,
            DestinationMac = SenderMac,
            SourceIp = IPv4Address.Parse("192.0.2.7"),
            DestinationIp = IPv4Address.Parse("198.51.100.9"),
            DestQp = 0xABCDEF,
            PKey = 0x8001,
            Dscp = 46,
        });

        var status = RoceV2Frame.TryParse(cnp, out var frame);

        Assert.That(status, Is.EqualTo(RoceV2ParseStatus.Ok));
        Assert.Multiple(() =>
        {
            Assert.That(frame.Bth.IsCnp, Is.True);
            Assert.That(frame.Bth.Becn, Is.True);
            Assert.That(frame.Bth.Fecn, Is.False);
            Assert.That(frame.Bth.DestQp, Is.EqualTo(0xABCDEFu));
            Assert.That(frame.Bth.PKey, Is.EqualTo((ushort)0x8001));
            Assert.That(frame.IPv4.Dscp, Is.EqualTo((byte)46));
            Assert.That(frame.IPv4.TotalLength, Is.EqualTo((ushort)60));
            Assert.That(frame.Udp.Length, Is.EqualTo((ushort)40));
            Assert.That(frame.PayloadLength, Is.EqualTo(RoceV2.CnpPaddingSize));
            Assert.That(frame.IcrcValid, Is.True);
            Assert.That(InternetChecksum.IsIPv4HeaderValid(cnp.AsSpan(EthernetHeader.Size)), Is.True);
        });
    }
}
