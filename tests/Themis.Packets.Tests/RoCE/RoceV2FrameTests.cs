using Themis.Packets.Ethernet;
using Themis.Packets.IPv4;
using Themis.Packets.RoCE;

namespace Themis.Packets.Tests.RoCE;

public sealed class RoceV2FrameTests
{
    private static byte[] Data(int payload = 32) => RoceV2Packets.BuildData(new RoceV2DataPacketSpec
    {
        SourceMac = MacAddress.Parse("02:00:00:00:00:0a"),
        DestinationMac = MacAddress.Parse("02:00:00:00:00:01"),
        SourceIp = IPv4Address.Parse("10.0.0.1"),
        DestinationIp = IPv4Address.Parse("10.1.0.1"),
        Bth = new Bth { Opcode = (byte)BthOpcode.RcSendOnly, DestQp = 17, Psn = 5 },
        Payload = Enumerable.Range(0, payload).Select(i => (byte)i).ToArray(),
    });

    [Test]
    public void TryParse_BuiltData_OffsetsAndIcrc()
    {
        var frame = Data();

        var status = RoceV2Frame.TryParse(frame, out var parsed);

        Assert.That(status, Is.EqualTo(RoceV2ParseStatus.Ok));
        Assert.Multiple(() =>
        {
            Assert.That(parsed.PayloadOffset, Is.EqualTo(54));
            Assert.That(parsed.PayloadLength, Is.EqualTo(32));
            Assert.That(parsed.IPv4End, Is.EqualTo(frame.Length));
            Assert.That(parsed.IcrcValid, Is.True);
            Assert.That(parsed.Bth.DestQp, Is.EqualTo(17u));
            Assert.That(parsed.IPv4.Ecn, Is.EqualTo(Ecn.Ect0));
        });
    }

    [Test]
    public void TryParse_EthernetPaddingAfterPacket_Ignored()
    {
        var frame = Data(payload: 0).Concat(new byte[6]).ToArray();

        Assert.That(RoceV2Frame.TryParse(frame, out var parsed), Is.EqualTo(RoceV2ParseStatus.Ok));
        Assert.That(parsed.IcrcValid, Is.True);
    }

    [Test]
    public void TryParse_CorruptedPayload_OkButIcrcInvalid()
    {
        var frame = Data();
        frame[60] ^= 0xFF;

        Assert.That(RoceV2Frame.TryParse(frame, out var parsed), Is.EqualTo(RoceV2ParseStatus.Ok));
        Assert.That(parsed.IcrcValid, Is.False);
    }

    [TestCase(0, RoceV2ParseStatus.TooShortForEthernet)]
    [TestCase(13, RoceV2ParseStatus.TooShortForEthernet)]
    [TestCase(20, RoceV2ParseStatus.BadIPv4Header)]
    [TestCase(40, RoceV2ParseStatus.IPv4TotalLengthInvalid)]
    [TestCase(45, RoceV2ParseStatus.IPv4TotalLengthInvalid)]
    public void TryParse_Truncated_Status(int length, RoceV2ParseStatus expected)
    {
        var frame = Data().AsSpan(0, length).ToArray();

        Assert.That(RoceV2Frame.TryParse(frame, out _), Is.EqualTo(expected));
    }

    [Test]
    public void TryParse_EveryTruncationOfAValidFrame_NeverThrowsNorOk()
    {
        var frame = Data();
        for (var length = 0; length < frame.Length; length++)
        {
            var status = RoceV2Frame.TryParse(frame.AsSpan(0, length), out _);
            Assert.That(status, Is.Not.EqualTo(RoceV2ParseStatus.Ok), $"length {length}");
        }
    }

    [Test]
    public void TryParse_RandomGarbage_NeverThrows()
    {
        var random = new Random(4791);
        var buffer = new byte[128];
        for (var i = 0; i < 2000; i++)
        {
            random.NextBytes(buffer);
            buffer[12] = 0x08;
            buffer[13] = 0x00;
            _ = RoceV2Frame.TryParse(buffer.AsSpan(0, random.Next(buffer.Length)), out _);
        }

        Assert.Pass("2000 random frames parsed without an exception.");
    }

    [Test]
    public void TryParse_IhlBelowFive_BadIPv4Header()
    {
        var frame = Data();
        frame[14] = 0x44;

        Assert.That(RoceV2Frame.TryParse(frame, out _), Is.EqualTo(RoceV2ParseStatus.BadIPv4Header));
    }

    [Test]
    public void TryParse_UdpLengthBeyondPacket_UdpLengthInvalid()
    {
        var frame = Data();
        frame[14 + 20 + 4] = 0xFF;

        Assert.That(RoceV2Frame.TryParse(frame, out _), Is.EqualTo(RoceV2ParseStatus.UdpLengthInvalid));
    }

    [Test]
    public void TryParse_UdpLengthShortOfBth_TooShortForBth()
    {
        var frame = Data();
        frame[14 + 20 + 4] = 0;
        frame[14 + 20 + 5] = 8 + 11;

        Assert.That(RoceV2Frame.TryParse(frame, out _), Is.EqualTo(RoceV2ParseStatus.TooShortForBth));
    }

    [Test]
    public void TryParse_OtherUdpPort_NotRoceV2Port()
    {
        var frame = Data();
        frame[14 + 20 + 3] = 0x00;

        Assert.That(RoceV2Frame.TryParse(frame, out _), Is.EqualTo(RoceV2ParseStatus.NotRoceV2Port));
    }

    [Test]
    public void TryParse_Fragment_Fragmented()
    {
        var frame = Data();
        frame[14 + 6] = 0x20;

        Assert.That(RoceV2Frame.TryParse(frame, out _), Is.EqualTo(RoceV2ParseStatus.Fragmented));
    }
}
