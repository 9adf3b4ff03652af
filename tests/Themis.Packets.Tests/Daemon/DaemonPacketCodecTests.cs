using Themis.Packets.Daemon;
using Themis.Packets.IPv4;
using Themis.Packets.Tests.Support;

namespace Themis.Packets.Tests.Daemon;

public sealed class DaemonPacketCodecTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly DaemonKeyRing Ring = new([new KeyValuePair<uint, byte[]>(7, Key)]);
    private static readonly DaemonDecodeOptions Strict = new() { Keys = Ring };

    private static readonly DaemonMessage Ready = new(
        DaemonFormat.V1, DaemonEvent.QpReady, Sequence: 42, TimestampNanoseconds: 1_700_000_000_123_456_789,
        RemoteIp: IPv4Address.Parse("10.2.0.9"), LocalQpn: 0x0011, RemoteQpn: 0xABCDEF, KeyId: 7, Authenticated: true);

    private static byte[] Encode(DaemonMessage message, bool authenticated = true)
    {
        var buffer = new byte[DaemonPacketCodec.V1AuthenticatedSize];
        var n = authenticated
            ? DaemonPacketCodec.EncodeV1(message, buffer, 7, Key)
            : DaemonPacketCodec.EncodeV1(message with { KeyId = 0 }, buffer);
        return buffer[..n];
    }

    [Test]
    public void EncodeV1_Authenticated_LayoutOfTheSpec()
    {
        var bytes = Encode(Ready);

        Assert.That(bytes, Has.Length.EqualTo(56));
        Assert.That(
            Hex.Dump(bytes.AsSpan(0, 40)),
            Is.EqualTo("54484d44" + "01" + "01" + "01" + "00" + "000000000000002a" + "17979cfe3d85cd15"
                + "0a020009" + "00000011" + "00abcdef" + "00000007"));
        var mac = System.Security.Cryptography.HMACSHA256.HashData(Key, bytes.AsSpan(0, 40).ToArray());
        Assert.That(Hex.Dump(bytes.AsSpan(40)), Is.EqualTo(Hex.Dump(mac.AsSpan(0, 16))));
    }

    [Test]
    public void TryDecode_AuthenticatedV1_RoundTrips()
    {
        var status = DaemonPacketCodec.TryDecode(Encode(Ready), Strict, out var decoded);

        Assert.That(status, Is.EqualTo(DaemonDecodeStatus.Ok));
        Assert.That(decoded, Is.EqualTo(Ready));
    }

    [Test]
    public void TryDecode_UnauthenticatedWhileRequired_AuthenticationRequired()
    {
        Assert.That(DaemonPacketCodec.TryDecode(Encode(Ready, authenticated: false), Strict, out _),
            Is.EqualTo(DaemonDecodeStatus.AuthenticationRequired));
    }

    [Test]
    public void TryDecode_UnauthenticatedAllowed_OkNotAuthenticated()
    {
        var status = DaemonPacketCodec.TryDecode(Encode(Ready, authenticated: false), Strict with { RequireAuthentication = false }, out var decoded);

        Assert.That(status, Is.EqualTo(DaemonDecodeStatus.Ok));
        Assert.That(decoded.Authenticated, Is.False);
        Assert.That(decoded.KeyId, Is.Zero);
    }

    [TestCase(0)]
    [TestCase(8)]
    [TestCase(27)]
    [TestCase(39)]
    [TestCase(40)]
    [TestCase(55)]
    public void TryDecode_AnyBitFlipped_BadMacOrRefused(int offset)
    {
        var bytes = Encode(Ready);
        bytes[offset] ^= 0x01;

        var status = DaemonPacketCodec.TryDecode(bytes, Strict, out var decoded);

        Assert.That(status, Is.Not.EqualTo(DaemonDecodeStatus.Ok));
        Assert.That(decoded, Is.EqualTo(default(DaemonMessage)));
    }

    [Test]
    public void TryDecode_MacMadeWithOtherKey_BadMac()
    {
        var buffer = new byte[56];
        DaemonPacketCodec.EncodeV1(Ready, buffer, 7, new byte[32]);

        Assert.That(DaemonPacketCodec.TryDecode(buffer, Strict, out _), Is.EqualTo(DaemonDecodeStatus.BadMac));
    }

    [Test]
    public void TryDecode_UnknownKeyId_UnknownKey()
    {
        var buffer = new byte[56];
        DaemonPacketCodec.EncodeV1(Ready, buffer, 8, Key);

        Assert.That(DaemonPacketCodec.TryDecode(buffer, Strict, out _), Is.EqualTo(DaemonDecodeStatus.UnknownKey));
        Assert.That(DaemonPacketCodec.TryDecode(buffer, new DaemonDecodeOptions(), out _), Is.EqualTo(DaemonDecodeStatus.UnknownKey));
    }

    [TestCase(4, (byte)2, DaemonDecodeStatus.UnsupportedVersion)]
    [TestCase(5, (byte)9, DaemonDecodeStatus.UnknownEvent)]
    [TestCase(6, (byte)0x03, DaemonDecodeStatus.ReservedNotZero)]
    [TestCase(7, (byte)1, DaemonDecodeStatus.ReservedNotZero)]
    [TestCase(28, (byte)1, DaemonDecodeStatus.QpnOutOfRange)]
    public void TryDecode_FieldOutOfSpec_Status(int offset, byte value, DaemonDecodeStatus expected)
    {
        var bytes = Encode(Ready);
        bytes[offset] = value;

        Assert.That(DaemonPacketCodec.TryDecode(bytes, Strict, out _), Is.EqualTo(expected));
    }

    [Test]
    public void TryDecode_MacFlagWithoutMac_LengthMismatch()
    {
        var bytes = Encode(Ready)[..40];

        Assert.That(DaemonPacketCodec.TryDecode(bytes, Strict, out _), Is.EqualTo(DaemonDecodeStatus.LengthMismatch));
    }

    [Test]
    public void TryDecode_ReadyWithoutRemoteIp_MissingRemoteIp()
    {
        var bytes = Encode(Ready with { RemoteIp = IPv4Address.Any });

        Assert.That(DaemonPacketCodec.TryDecode(bytes, Strict, out _), Is.EqualTo(DaemonDecodeStatus.MissingRemoteIp));
    }

    [Test]
    public void TryDecode_Heartbeat_Ok()
    {
        var heartbeat = Ready with { Event = DaemonEvent.Heartbeat, RemoteIp = IPv4Address.Any, LocalQpn = 0, RemoteQpn = 0 };

        Assert.That(DaemonPacketCodec.TryDecode(Encode(heartbeat), Strict, out var decoded), Is.EqualTo(DaemonDecodeStatus.Ok));
        Assert.That(decoded.Event, Is.EqualTo(DaemonEvent.Heartbeat));
    }

    [Test]
    public void TryDecode_V0BigEndian_FieldsInOrder()
    {
        var bytes = Hex.Parse("0a020009 00000011 00abcdef 00000001");

        var status = DaemonPacketCodec.TryDecode(bytes, new DaemonDecodeOptions { AcceptV0 = true }, out var decoded);

        Assert.That(status, Is.EqualTo(DaemonDecodeStatus.Ok));
        Assert.That(decoded, Is.EqualTo(new DaemonMessage(
            DaemonFormat.V0, DaemonEvent.QpReady, 0, 0, IPv4Address.Parse("10.2.0.9"), 0x11, 0xABCDEF, 0, false)));
    }

    [Test]
    public void TryDecode_V0LittleEndianOption_SameMessage()
    {
        var bytes = Hex.Parse("0900020a 11000000 efcdab00 01000000");
        var options = new DaemonDecodeOptions { AcceptV0 = true, V0ByteOrder = DaemonV0ByteOrder.LittleEndian };

        Assert.That(DaemonPacketCodec.TryDecode(bytes, options, out var decoded), Is.EqualTo(DaemonDecodeStatus.Ok));
        Assert.That(decoded.RemoteIp, Is.EqualTo(IPv4Address.Parse("10.2.0.9")));
        Assert.That(decoded.RemoteQpn, Is.EqualTo(0xABCDEFu));
    }

    [Test]
    public void TryDecode_V0Destroy_OnlyLocalQpnKept()
    {
        var bytes = Hex.Parse("0a020009 00000011 00abcdef 00000000");

        Assert.That(DaemonPacketCodec.TryDecode(bytes, new DaemonDecodeOptions { AcceptV0 = true }, out var decoded), Is.EqualTo(DaemonDecodeStatus.Ok));
        Assert.That(decoded.Event, Is.EqualTo(DaemonEvent.QpDestroyed));
        Assert.That(decoded.LocalQpn, Is.EqualTo(0x11u));
        Assert.That(decoded.RemoteIp, Is.EqualTo(IPv4Address.Any));
        Assert.That(decoded.RemoteQpn, Is.Zero);
    }

    [Test]
    public void TryDecode_V0WhileNotAccepted_V0NotAccepted()
    {
        var bytes = Hex.Parse("0a020009 00000011 00abcdef 00000001");

        Assert.That(DaemonPacketCodec.TryDecode(bytes, Strict, out _), Is.EqualTo(DaemonDecodeStatus.V0NotAccepted));
    }

    [Test]
    public void TryDecode_V0FlagTwo_V0InvalidFlag()
    {
        var bytes = Hex.Parse("0a020009 00000011 00abcdef 00000002");

        Assert.That(DaemonPacketCodec.TryDecode(bytes, new DaemonDecodeOptions { AcceptV0 = true }, out _), Is.EqualTo(DaemonDecodeStatus.V0InvalidFlag));
    }

    [Test]
    public void TryDecode_V0WhoseIpSpellsTheMagic_StillV0()
    {
        var bytes = Hex.Parse("54484d44 00000011 00abcdef 00000001");

        Assert.That(DaemonPacketCodec.TryDecode(bytes, new DaemonDecodeOptions { AcceptV0 = true }, out var decoded), Is.EqualTo(DaemonDecodeStatus.Ok));
        Assert.That(decoded.Format, Is.EqualTo(DaemonFormat.V0));
    }

    [Test]
    public void EncodeV0_ThenDecode_RoundTrips()
    {
        var message = new DaemonMessage(DaemonFormat.V0, DaemonEvent.QpReady, 0, 0, IPv4Address.Parse("192.0.2.1"), 5, 6, 0, false);
        var buffer = new byte[16];

        DaemonPacketCodec.EncodeV0(message, buffer);

        Assert.That(DaemonPacketCodec.TryDecode(buffer, new DaemonDecodeOptions { AcceptV0 = true }, out var decoded), Is.EqualTo(DaemonDecodeStatus.Ok));
        Assert.That(decoded, Is.EqualTo(message));
    }

    [TestCase(0, DaemonDecodeStatus.TooShort)]
    [TestCase(15, DaemonDecodeStatus.TooShort)]
    [TestCase(17, DaemonDecodeStatus.UnknownFormat)]
    [TestCase(1500, DaemonDecodeStatus.UnknownFormat)]
    public void TryDecode_WrongLengthOfZeros_Status(int length, DaemonDecodeStatus expected)
    {
        Assert.That(DaemonPacketCodec.TryDecode(new byte[length], Strict, out _), Is.EqualTo(expected));
    }

    [Test]
    public void TryDecode_RandomGarbage_NeverThrowsNeverOk()
    {
        var random = new Random(12345);
        var buffer = new byte[80];
        for (var i = 0; i < 5000; i++)
        {
            random.NextBytes(buffer);
            if (i % 2 == 0)
            {
                buffer[0] = 0x54;
                buffer[1] = 0x48;
                buffer[2] = 0x4D;
                buffer[3] = 0x44;
                buffer[4] = 1;
                buffer[6] = 1;
            }

            var status = DaemonPacketCodec.TryDecode(buffer.AsSpan(0, random.Next(17, buffer.Length)), Strict, out _);
            Assert.That(status, Is.Not.EqualTo(DaemonDecodeStatus.Ok));
        }
    }

    [Test]
    public void DaemonKeyRing_ShortKey_ThrowsWithAdvice()
    {
        Assert.That(
            () => new DaemonKeyRing([new KeyValuePair<uint, byte[]>(1, new byte[8])]),
            Throws.ArgumentException.With.Message.Contains("at least 16"));
    }
}
