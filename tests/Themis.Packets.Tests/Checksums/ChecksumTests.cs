using Themis.Packets.Checksums;
using Themis.Packets.IPv4;
using Themis.Packets.Tests.Support;

namespace Themis.Packets.Tests.Checksums;

public sealed class ChecksumTests
{
    [Test]
    public void Crc32_CheckString_StandardCheckValue()
    {
        // The catalogued check value of CRC-32/ISO-HDLC over the ASCII digits 1..9.
        Assert.That(Crc32.Compute("123456789"u8), Is.EqualTo(0xCBF43926u));
    }

    [Test]
    public void ComputeIPv4Header_WellKnownExample_B861()
    {
        var header = Hex.Parse("4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7");

        Assert.That(InternetChecksum.ComputeIPv4Header(header), Is.EqualTo((ushort)0xB861));
    }

    [Test]
    public void IsIPv4HeaderValid_AfterWrite_TrueAndFalseOnceChanged()
    {
        var header = Hex.Parse("4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7");
        InternetChecksum.WriteIPv4HeaderChecksum(header);

        Assert.That(InternetChecksum.IsIPv4HeaderValid(header), Is.True);
        header[8] = 63;
        Assert.That(InternetChecksum.IsIPv4HeaderValid(header), Is.False);
    }

    [Test]
    public void ComputeUdp_ResultInserted_SegmentSumsToAllOnes()
    {
        var source = IPv4Address.Parse("10.0.0.1");
        var destination = IPv4Address.Parse("10.0.0.2");
        var segment = Hex.Parse("3039 12b7 000d 0000 68656c6c6f");

        var checksum = InternetChecksum.ComputeUdp(source, destination, segment);
        segment[6] = (byte)(checksum >> 8);
        segment[7] = (byte)checksum;

        Span<byte> pseudo = [10, 0, 0, 1, 10, 0, 0, 2, 0, 17, 0, 13];
        var total = InternetChecksum.Sum(segment, InternetChecksum.Sum(pseudo));
        Assert.That(total, Is.EqualTo(0xFFFFu));
    }

    [TestCase((byte)0xC0, (byte)48, Ecn.NotEct)]
    [TestCase((byte)0x6B, (byte)26, Ecn.CongestionExperienced)]
    [TestCase((byte)0x02, (byte)0, Ecn.Ect0)]
    public void TosByte_SplitAndCompose_RoundTrip(byte tos, byte dscp, Ecn ecn)
    {
        Assert.Multiple(() =>
        {
            Assert.That(TosByte.GetDscp(tos), Is.EqualTo(dscp));
            Assert.That(TosByte.GetEcn(tos), Is.EqualTo(ecn));
            Assert.That(TosByte.Compose(dscp, ecn), Is.EqualTo(tos));
            Assert.That(TosByte.WithEcn(tos, Ecn.Ect0), Is.EqualTo(TosByte.Compose(dscp, Ecn.Ect0)));
        });
    }
}
