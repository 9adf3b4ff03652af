using Themis.Esw.Tests.Support;
using Themis.Packets.IPv4;
using static Themis.Esw.Tests.Support.EswTopology;

namespace Themis.Esw.Tests.Forwarding;

/// <summary>routing_v4: IPv4 LPM to (port, next-hop MAC), TTL decrement, checksum update; misses and TTL 1 dropped and counted.</summary>
[TestFixture(Target.Embedded)]
[TestFixture(Target.Remote, Category = "Bmv2")]
public sealed class RoutingTests(Target target) : EswTestBase(target)
{
    [Test]
    public async Task Route_DcToWan_RewritesMacsDecrementsTtlAndFixesChecksum()
    {
        byte[] sent = EswPackets.Udp(HostA, RemoteHost.Ip, 5000, 6000, EswPackets.Pattern(40));

        await SendPacketAsync(DcPortA, sent);

        await ExpectPacketAsync(WanPort, EswPackets.Routed(sent, WanRouterMac));
        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.Routed, 1));
    }

    [Test]
    public async Task Route_LongerPrefix_WinsOverTheWanRoute()
    {
        var nextHop = Themis.Packets.Ethernet.MacAddress.Parse("00:00:0a:02:07:01");
        await AddRouteAsync(IPv4Address.Parse("10.2.7.0"), 24, DcPortB, nextHop);
        byte[] toSpecific = EswPackets.Udp(HostA, RemoteHost2.Ip, 5000, 6000, EswPackets.Pattern(20), ttl: 9);
        byte[] toWan = EswPackets.Udp(HostA, RemoteHost.Ip, 5000, 6000, EswPackets.Pattern(20));

        await SendPacketAsync(DcPortA, toSpecific);
        await SendPacketAsync(DcPortA, toWan);

        await ExpectPacketAsync(DcPortB, EswPackets.Routed(toSpecific, nextHop));
        await ExpectPacketAsync(WanPort, EswPackets.Routed(toWan, WanRouterMac));
        await ExpectNoOtherPacketsAsync();
    }

    [Test]
    public async Task Route_WanToDcHost_DeliveredToTheHostPort()
    {
        byte[] sent = EswPackets.Udp(RemoteHost, HostB.Ip, 7000, 8000, EswPackets.Pattern(16));

        await SendPacketAsync(WanPort, sent);

        await ExpectPacketAsync(DcPortB, EswPackets.Routed(sent, HostB.Mac));
        await ExpectNoOtherPacketsAsync();
    }

    [Test]
    public async Task Route_UnknownDestination_DroppedAndCounted()
    {
        await SendPacketAsync(DcPortA, EswPackets.Udp(HostA, IPv4Address.Parse("192.0.2.1"), 5000, 6000, EswPackets.Pattern(16)));

        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.DropNoRoute, 1), (EswEvent.Routed, 0));
    }

    [TestCase((byte)1)]
    [TestCase((byte)0)]
    public async Task Route_TtlExpiring_DroppedAndCounted(byte ttl)
    {
        await SendPacketAsync(DcPortA, EswPackets.Udp(HostA, RemoteHost.Ip, 5000, 6000, EswPackets.Pattern(16), ttl));

        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.DropTtlExpired, 1), (EswEvent.Routed, 0));
    }

    [Test]
    public async Task Route_MaskedIdAndChecksum_StillMatchesTheRoutedFrame()
    {
        byte[] sent = EswPackets.Udp(HostA, RemoteHost.Ip, 5000, 6000, EswPackets.Pattern(16));
        byte[] expected = EswPackets.Routed(sent, WanRouterMac);
        expected[EswTopology_IdOffset] ^= 0xFF;

        await SendPacketAsync(DcPortA, sent);

        // The harness's masks: a wrong identification and checksum are ignored once declared don't-care.
        await ExpectPacketAsync(WanPort, ExpectedPacket.Of(expected).DontCare("ipv4.identification", "ipv4.hdr_checksum"));
        await ExpectNoOtherPacketsAsync();
    }

    private const int EswTopology_IdOffset = 14 + 4;
}
