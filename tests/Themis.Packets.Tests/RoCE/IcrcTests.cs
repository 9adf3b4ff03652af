using Themis.Packets.Ethernet;
using Themis.Packets.IPv4;
using Themis.Packets.RoCE;
using Themis.Packets.Tests.Support;

namespace Themis.Packets.Tests.RoCE;

public sealed class IcrcTests
{
    // A CNP captured from a ConnectX-4 Lx NIC (published with scapy's RoCE tests): the ICRC a real NIC wrote.
    private const string ConnectX4LxCnp = """
        e41d 2dab 2bc2 7cfe 9064 3b32 0800 45c2
        003c 718c 4000 4011 9161 0a00 1101 0a00
        1201 0000 12b7 0028 0000 8100 ffff 4000
        0118 0000 0000 0000 0000 0000 0000 0000
        0000 0000 0000 82fd 002a
        """;

    [Test]
    public void IsValid_CnpCapturedFromConnectX4Lx_True()
    {
        var frame = Hex.Parse(ConnectX4LxCnp);

        Assert.That(Icrc.IsValid(frame.AsSpan(EthernetHeader.Size)), Is.True);
    }

    [Test]
    public void TryCompute_CnpCapturedFromConnectX4Lx_ValueAppendedLeastSignificantByteFirst()
    {
        var frame = Hex.Parse(ConnectX4LxCnp);

        var ok = Icrc.TryCompute(frame.AsSpan(EthernetHeader.Size, frame.Length - EthernetHeader.Size - Icrc.Size), out var icrc);

        Assert.That(ok, Is.True);
        Assert.That(icrc, Is.EqualTo(0x2A00FD82u));
    }

    [TestCase(1, 0x01)]
    [TestCase(8, 0x01)]
    [TestCase(10, 0x01)]
    [TestCase(11, 0x01)]
    [TestCase(26, 0x01)]
    [TestCase(27, 0x01)]
    [TestCase(32, 0x80)]
    public void IsValid_MaskedFieldChanged_StillTrue(int ipOffset, int xor)
    {
        // TOS, TTL, IPv4 checksum, UDP checksum and BTH byte 4 are masked: routers and ECN marking may change them.
        var frame = Hex.Parse(ConnectX4LxCnp);
        frame[EthernetHeader.Size + ipOffset] ^= (byte)xor;

        Assert.That(Icrc.IsValid(frame.AsSpan(EthernetHeader.Size)), Is.True);
    }

    [TestCase(4)]
    [TestCase(12)]
    [TestCase(20)]
    [TestCase(28)]
    [TestCase(35)]
    [TestCase(40)]
    public void IsValid_CoveredByteChanged_False(int ipOffset)
    {
        var frame = Hex.Parse(ConnectX4LxCnp);
        frame[EthernetHeader.Size + ipOffset] ^= 0x01;

        Assert.That(Icrc.IsValid(frame.AsSpan(EthernetHeader.Size)), Is.False);
    }

    [Test]
    public void TryCompute_NotIPv4_False()
    {
        var garbage = new byte[64];
        garbage[0] = 0x60;

        Assert.That(Icrc.TryCompute(garbage, out _), Is.False);
        Assert.That(Icrc.TryCompute(new byte[10], out _), Is.False);
    }

    [Test]
    public void BuildData_ScapyUcSendOnlyExample_SameBytes()
    {
        // scapy.contrib.roce built this UC SEND ONLY frame; all 78 bytes (IPv4, UDP checksum, ICRC) must agree.
        const string expected = """
            248a07a8fa22 248a07a8fa22 0800
            45010040 04784000 4011b4d5 c0a80007 c0a80007
            c00012b7 002caca2
            2460ffff 000000d3 00cf1710
            4630818be28935d90e9a95505401be885e500000
            78f353f3
            """;
        var mac = MacAddress.Parse("24:8a:07:a8:fa:22");
        var ip = IPv4Address.Parse("192.168.0.7");
        var spec = new RoceV2DataPacketSpec
        {
            SourceMac = mac,
            DestinationMac = mac,
            SourceIp = ip,
            DestinationIp = ip,
            Dscp = 0,
            Ecn = Ecn.Ect1,
            Identification = 1144,
            UdpSourcePort = 49152,
            ComputeUdpChecksum = true,
            Bth = new Bth { Opcode = (byte)BthOpcode.UcSendOnly, MigrationRequest = true, PadCount = 2, DestQp = 211, Psn = 13571856 },
            Payload = Hex.Parse("4630818be28935d90e9a95505401be885e500000"),
        };

        var frame = RoceV2Packets.BuildData(spec);

        Assert.That(Hex.Dump(frame), Is.EqualTo(Hex.Dump(Hex.Parse(expected))));
    }
}
