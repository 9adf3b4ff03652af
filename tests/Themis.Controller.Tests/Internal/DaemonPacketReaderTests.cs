using Microsoft.Extensions.Time.Testing;
using Themis.Controller.Internal;
using Themis.Packets;
using Themis.Packets.Daemon;
using Themis.Packets.Ethernet;
using Themis.Packets.IPv4;
using PacketDaemonEvent = Themis.Packets.Daemon.DaemonEvent;

namespace Themis.Controller.Tests.Internal;

public sealed class DaemonPacketReaderTests
{
    private const uint HostA = 0x0A000101; // 10.0.1.1
    private const uint HostB = 0x0A000102; // 10.0.1.2
    private const uint Remote = 0x0A020101;
    private const uint ControlIp = 0x0A0000FE; // 10.0.0.254
    private static readonly byte[] s_keyA = Convert.FromHexString("00112233445566778899aabbccddeeff");
    private static readonly byte[] s_keyB = Convert.FromHexString("ffeeddccbbaa99887766554433221100");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private DaemonPacketReader NewReader(bool acceptV0 = false) => new(
        new ControllerConfig
        {
            Ports = new PortsConfig { Dc = [1, 2], Wan = [3], Loop = 4 },
            ControlIp = "10.0.0.254",
            Daemon = new DaemonConfig
            {
                AcceptV0 = acceptV0,
                Keys = new Dictionary<string, string> { ["10.0.1.1"] = Convert.ToHexString(s_keyA), ["10.0.1.2"] = Convert.ToHexString(s_keyB) },
            },
        },
        new ReplayGuard(TimeSpan.FromSeconds(30), _time));

    private byte[] V1Frame(uint source, PacketDaemonEvent kind, ulong sequence, uint keyId, byte[] key, uint localQpn = 0x11, uint remoteQpn = 0x22)
    {
        var message = new DaemonMessage(
            DaemonFormat.V1, kind, sequence,
            (ulong)(_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100,
            new IPv4Address(kind == PacketDaemonEvent.QpReady ? Remote : 0), localQpn,
            kind == PacketDaemonEvent.QpReady ? remoteQpn : 0, keyId, false);
        byte[] payload = new byte[DaemonPacketCodec.V1AuthenticatedSize];
        int length = DaemonPacketCodec.EncodeV1(message, payload, keyId, key);
        return Frame(source, payload.AsSpan(0, length));
    }

    private static byte[] Frame(uint source, ReadOnlySpan<byte> payload, ushort port = 12345) =>
        UdpFrames.Build(MacAddress.Parse("02:00:00:00:00:01"), MacAddress.Parse("02:00:00:00:00:fe"), source, ControlIp, 40000, port, payload);

    [Test]
    public void TryRead_SignedCreate_ReturnsEventKeyedBySourceIp()
    {
        DaemonOutcome? outcome = NewReader().TryRead(V1Frame(HostA, PacketDaemonEvent.QpReady, 1, HostA, s_keyA), 1, out var e, out uint source);

        Assert.That(outcome, Is.Null);
        Assert.That(source, Is.EqualTo(HostA));
        Assert.That(e, Is.EqualTo(new Controller.Internal.DaemonEvent(HostA, DaemonEventKind.Create, Remote, 0x11, 0x22)));
    }

    [Test]
    public void TryRead_SignedDestroy_CarriesOnlyLocalQpn()
    {
        DaemonOutcome? outcome = NewReader().TryRead(V1Frame(HostA, PacketDaemonEvent.QpDestroyed, 1, HostA, s_keyA), 1, out var e, out _);

        Assert.That(outcome, Is.Null);
        Assert.That(e.Kind, Is.EqualTo(DaemonEventKind.Destroy));
        Assert.That(e.LocalQp, Is.EqualTo(new LocalQp(HostA, 0x11)));
    }

    [Test]
    public void TryRead_ForgedMac_BadMac()
    {
        byte[] frame = V1Frame(HostA, PacketDaemonEvent.QpReady, 1, HostA, s_keyA);
        frame[^1] ^= 0x01;

        Assert.That(NewReader().TryRead(frame, 1, out _, out _), Is.EqualTo(DaemonOutcome.BadMac));
    }

    [Test]
    public void TryRead_HostSignsWithOwnKeyButSpoofsAnotherSource_WrongKey()
    {
        // Host B, with its own valid key, pretends to be A: the MAC verifies but the key is not A's.
        Assert.That(
            NewReader().TryRead(V1Frame(HostA, PacketDaemonEvent.QpReady, 1, HostB, s_keyB), 1, out _, out _),
            Is.EqualTo(DaemonOutcome.WrongKey));
    }

    [Test]
    public void TryRead_UnknownHostKeyId_UnknownHost()
    {
        Assert.That(
            NewReader().TryRead(V1Frame(0x0A000109, PacketDaemonEvent.QpReady, 1, 0x0A000109, s_keyA), 1, out _, out _),
            Is.EqualTo(DaemonOutcome.UnknownHost));
    }

    [Test]
    public void TryRead_Replay_Refused()
    {
        DaemonPacketReader reader = NewReader();
        byte[] frame = V1Frame(HostA, PacketDaemonEvent.QpReady, 7, HostA, s_keyA);

        Assert.That(reader.TryRead(frame, 1, out _, out _), Is.Null);
        Assert.That(reader.TryRead(frame, 1, out _, out _), Is.EqualTo(DaemonOutcome.Replayed));
    }

    [Test]
    public void TryRead_OldTimestamp_Stale()
    {
        byte[] frame = V1Frame(HostA, PacketDaemonEvent.QpReady, 1, HostA, s_keyA);
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.That(NewReader().TryRead(frame, 1, out _, out _), Is.EqualTo(DaemonOutcome.Stale));
    }

    [Test]
    public void TryRead_Unsigned_Unauthenticated()
    {
        Assert.That(
            NewReader().TryRead(V1Frame(HostA, PacketDaemonEvent.QpReady, 1, 0, []), 1, out _, out _),
            Is.EqualTo(DaemonOutcome.Unauthenticated));
    }

    [Test]
    public void TryRead_V0_OnlyWhenEnabled()
    {
        var message = new DaemonMessage(DaemonFormat.V0, PacketDaemonEvent.QpReady, 0, 0, new IPv4Address(Remote), 0x11, 0x22, 0, false);
        byte[] payload = new byte[DaemonPacketCodec.V0Size];
        DaemonPacketCodec.EncodeV0(message, payload);
        byte[] frame = Frame(HostB, payload);

        Assert.That(NewReader().TryRead(frame, 2, out _, out _), Is.EqualTo(DaemonOutcome.FormatRejected));
        Assert.That(NewReader(acceptV0: true).TryRead(frame, 2, out var e, out _), Is.Null);
        Assert.That(e.Key, Is.EqualTo(new QpKey(HostB, Remote, 0x22)));
    }

    [Test]
    public void TryRead_FromWanPort_WrongPort()
    {
        Assert.That(
            NewReader().TryRead(V1Frame(HostA, PacketDaemonEvent.QpReady, 1, HostA, s_keyA), 3, out _, out _),
            Is.EqualTo(DaemonOutcome.WrongPort));
    }

    [Test]
    public void TryRead_WrongUdpPort_Malformed()
    {
        Assert.That(NewReader().TryRead(Frame(HostA, new byte[40], port: 9), 1, out _, out _), Is.EqualTo(DaemonOutcome.Malformed));
    }

    [Test]
    public void TryRead_TruncatedAndRandomFrames_NeverThrow()
    {
        DaemonPacketReader reader = NewReader(acceptV0: true);
        byte[] good = V1Frame(HostA, PacketDaemonEvent.QpReady, 1, HostA, s_keyA);
        for (int length = 0; length < good.Length; length++)
        {
            Assert.That(reader.TryRead(good.AsSpan(0, length), 1, out _, out _), Is.Not.Null, $"length {length}");
        }

        var random = new Random(42);
        for (int i = 0; i < 2000; i++)
        {
            byte[] junk = new byte[random.Next(0, 120)];
            random.NextBytes(junk);
            if (junk.Length > 14 && i % 2 == 0)
            {
                good.AsSpan(0, Math.Min(junk.Length, 14 + random.Next(0, 30))).CopyTo(junk);
            }

            Assert.DoesNotThrow(() => reader.TryRead(junk, 1, out _, out _));
        }
    }
}
