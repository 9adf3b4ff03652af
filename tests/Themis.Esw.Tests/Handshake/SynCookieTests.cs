using Themis.Esw.Tests.Support;
using Themis.Packets.Tcp;
using static Themis.Esw.Tests.Support.EswTopology;

namespace Themis.Esw.Tests.Handshake;

/// <summary>
/// The handshake monitor in active mode (DESIGN §3.3): a SYN from the DC toward the WAN is answered with a SYN-ACK
/// whose sequence number is the cookie; the client's ACK echoing it proves the pair (RST + digest); a wrong echo is
/// dropped and counted; once verified, the pair's SYNs pass; the previous secret still verifies after a rotation.
/// </summary>
[TestFixture(Target.Embedded)]
[TestFixture(Target.Remote, Category = "Bmv2")]
public sealed class SynCookieTests(Target target) : EswTestBase(target)
{
    private const ushort ClientPort = 40001;
    private const ushort ServerPort = 18515;
    private const uint Secret1 = 0x5EC2E701;
    private const uint Secret2 = 0x5EC2E702;
    private const uint ClientSeq = 0x1000_0000;

    [SetUp]
    public async Task UseSecretsAsync()
    {
        await SetCookieSecretsAsync(Secret1, 0);
        TrackPair(HostA.Ip, RemoteHost.Ip);
    }

    private static byte[] Syn(byte[]? options = null) =>
        EswPackets.Tcp(HostA, RemoteHost, ClientPort, ServerPort, TcpFlags.Syn, ClientSeq, 0, options: options);

    private static byte[] Ack(uint ack) =>
        EswPackets.Tcp(HostA, RemoteHost, ClientPort, ServerPort, TcpFlags.Ack, ClientSeq + 1, ack);

    private static uint Cookie(uint secret) => EswHashes.Cookie(HostA.Ip, RemoteHost.Ip, ClientPort, ServerPort, secret);

    /// <summary>The SYN-ACK as RFC 9293 and docs/esw-pipeline.md describe it, built by PacketDotNet.</summary>
    private static byte[] ExpectedSynAck(uint cookie) =>
        EswPackets.TcpFrame(SwitchMac, HostA.Mac, RemoteHost.Ip, HostA.Ip, ServerPort, ClientPort, TcpFlags.Syn | TcpFlags.Ack,
            cookie, ClientSeq + 1, window: 1024, options: null, dscp: 0, ttl: 64, id: 0);

    private static byte[] ExpectedRst(uint ackNumber) =>
        EswPackets.TcpFrame(SwitchMac, HostA.Mac, RemoteHost.Ip, HostA.Ip, ServerPort, ClientPort, TcpFlags.Rst,
            ackNumber, 0, window: 0, options: null, dscp: 0, ttl: 64, id: 0);

    [Test]
    public async Task Syn_UnverifiedPair_AnsweredWithCookieSynAckAndNotForwarded()
    {
        await SendPacketAsync(DcPortA, Syn());

        byte[] reply = await ExpectPacketAsync(DcPortA, ExpectedSynAck(Cookie(Secret1)));
        Assert.That(TcpHeader.TryReadFrom(reply.AsSpan(34), out TcpHeader tcp) && tcp.SequenceNumber == Cookie(Secret1), Is.True, "seq = cookie");
        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.HsCookieSent, 1));
    }

    [Test]
    public async Task Syn_WithOptions_SynAckCarriesNone()
    {
        byte[] options = [2, 4, 0x05, 0xB4, 1, 3, 3, 7];

        await SendPacketAsync(DcPortA, Syn(options));

        await ExpectPacketAsync(DcPortA, ExpectedSynAck(Cookie(Secret1)));
        await ExpectNoOtherPacketsAsync();
    }

    [Test]
    public async Task Ack_EchoingTheCookie_AnsweredWithRstMarkedAndDigested()
    {
        await SendPacketAsync(DcPortA, Syn());
        await ExpectPacketAsync(DcPortA, ExpectedSynAck(Cookie(Secret1)));

        await SendPacketAsync(DcPortA, Ack(Cookie(Secret1) + 1));

        await ExpectPacketAsync(DcPortA, ExpectedRst(Cookie(Secret1) + 1));
        HandshakeDigest digest = await ExpectDigestAsync();
        Assert.That(digest, Is.EqualTo(new HandshakeDigest(HostA.Ip, RemoteHost.Ip, EswHashes.PairIndex(HostA.Ip, RemoteHost.Ip))));
        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.HsVerified, 1), (EswEvent.HsOldSecretAccepted, 0));
    }

    [Test]
    public async Task Ack_WrongCookie_DroppedAndCounted()
    {
        await SendPacketAsync(DcPortA, Ack(Cookie(Secret1) + 2));

        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.HsRejected, 1), (EswEvent.DropHsRejected, 1), (EswEvent.HsVerified, 0));
    }

    [Test]
    public async Task Syn_VerifiedPair_ForwardedToTheWan()
    {
        await SendPacketAsync(DcPortA, Ack(Cookie(Secret1) + 1));
        await ExpectPacketAsync(DcPortA, ExpectedRst(Cookie(Secret1) + 1));
        await ExpectDigestAsync();

        byte[] retry = Syn();
        await SendPacketAsync(DcPortA, retry);

        await ExpectPacketAsync(WanPort, EswPackets.Routed(retry, WanRouterMac));
        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.HsSynVerifiedForwarded, 1), (EswEvent.HsCookieSent, 0));
    }

    [Test]
    public async Task Ack_CookieOfThePreviousSecret_AcceptedAfterRotation()
    {
        await SendPacketAsync(DcPortA, Syn());
        await ExpectPacketAsync(DcPortA, ExpectedSynAck(Cookie(Secret1)));
        await SetCookieSecretsAsync(Secret2, Secret1);

        await SendPacketAsync(DcPortA, Ack(Cookie(Secret1) + 1));

        await ExpectPacketAsync(DcPortA, ExpectedRst(Cookie(Secret1) + 1));
        await ExpectDigestAsync();
        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.HsOldSecretAccepted, 1), (EswEvent.HsVerified, 1));
    }

    [Test]
    public async Task Ack_CookieOfARetiredSecret_Rejected()
    {
        await SetCookieSecretsAsync(Secret2, 0x0BAD_0BAD);

        await SendPacketAsync(DcPortA, Ack(Cookie(Secret1) + 1));

        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.HsRejected, 1), (EswEvent.HsVerified, 0));
    }

    [Test]
    public async Task SynAck_FromDcHostToWan_MarksThePairAndIsForwarded()
    {
        // A WAN host connects to a DC host; the DC host's SYN-ACK proves the pair.
        byte[] synFromWan = EswPackets.Tcp(RemoteHost, HostA, ServerPort, ClientPort, TcpFlags.Syn, 9, 0);
        await SendPacketAsync(WanPort, synFromWan);
        await ExpectPacketAsync(DcPortA, EswPackets.Routed(synFromWan, HostA.Mac));

        byte[] synAck = EswPackets.Tcp(HostA, RemoteHost, ClientPort, ServerPort, TcpFlags.Syn | TcpFlags.Ack, 500, 10);
        await SendPacketAsync(DcPortA, synAck);

        await ExpectPacketAsync(WanPort, EswPackets.Routed(synAck, WanRouterMac));
        Assert.That(await ExpectDigestAsync(), Is.EqualTo(new HandshakeDigest(HostA.Ip, RemoteHost.Ip, EswHashes.PairIndex(HostA.Ip, RemoteHost.Ip))));
        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.HsSynackMarked, 1));
    }
}
