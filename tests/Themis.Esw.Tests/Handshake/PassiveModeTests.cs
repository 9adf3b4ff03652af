using Themis.Esw.Tests.Support;
using Themis.Packets.Tcp;
using static Themis.Esw.Tests.Support.EswTopology;

namespace Themis.Esw.Tests.Handshake;

/// <summary>Passive mode (set_params passive_handshake = 1): the monitor only observes; the WAN host's SYN-ACK marks the pair.</summary>
[TestFixture(Target.Embedded)]
[TestFixture(Target.Remote, Category = "Bmv2")]
public sealed class PassiveModeTests(Target target) : EswTestBase(target)
{
    [SetUp]
    public async Task PassiveAsync()
    {
        await SetParamsAsync(EswParams.Baseline with { PassiveHandshake = true });
        TrackPair(HostB.Ip, RemoteHost.Ip);
    }

    [Test]
    public async Task Handshake_Passive_SegmentsForwardedAndSynAckFromWanMarksThePair()
    {
        byte[] syn = EswPackets.Tcp(HostB, RemoteHost, 40100, 18515, TcpFlags.Syn, 100, 0);
        byte[] synAck = EswPackets.Tcp(RemoteHost, HostB, 18515, 40100, TcpFlags.Syn | TcpFlags.Ack, 7000, 101);
        byte[] ack = EswPackets.Tcp(HostB, RemoteHost, 40100, 18515, TcpFlags.Ack, 101, 7001);

        await SendPacketAsync(DcPortB, syn);
        await ExpectPacketAsync(WanPort, EswPackets.Routed(syn, WanRouterMac));
        await SendPacketAsync(WanPort, synAck);
        await ExpectPacketAsync(DcPortB, EswPackets.Routed(synAck, HostB.Mac));
        await SendPacketAsync(DcPortB, ack);
        await ExpectPacketAsync(WanPort, EswPackets.Routed(ack, WanRouterMac));

        Assert.That(await ExpectDigestAsync(), Is.EqualTo(new HandshakeDigest(HostB.Ip, RemoteHost.Ip, EswHashes.PairIndex(HostB.Ip, RemoteHost.Ip))));
        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.HsPassiveSynForwarded, 1), (EswEvent.HsPassiveMarked, 1), (EswEvent.HsCookieSent, 0), (EswEvent.HsRejected, 0));
    }

    [Test]
    public async Task Ack_UnverifiedPairInPassiveMode_ForwardedNotChecked()
    {
        byte[] ack = EswPackets.Tcp(HostB, RemoteHost, 40100, 18515, TcpFlags.Ack, 1, 12345);

        await SendPacketAsync(DcPortB, ack);

        await ExpectPacketAsync(WanPort, EswPackets.Routed(ack, WanRouterMac));
        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.HsRejected, 0));
    }
}
