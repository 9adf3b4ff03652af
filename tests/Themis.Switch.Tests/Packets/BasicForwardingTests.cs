using Themis.Switch.Tests.Packets.Support;

namespace Themis.Switch.Tests.Packets;

/// <summary>IPv4 LPM forwarding with TTL decrement and checksum update, loaded through SetForwardingPipelineConfig.</summary>
[Category("Packet")]
public sealed class BasicForwardingTests
{
    private const string Table = "IngressImpl.routing_v4";
    private const string Forward = "IngressImpl.forward";

    private static async Task<ProgramHost> StartAsync()
    {
        ProgramHost host = await ProgramHost.StartAsync("basic_ipv4.p4", [1, 2, 3], viaGrpc: true);
        await host.WriteAsync(
            host.Entry(Table, [ProgramHost.Lpm(1, 8, 10, 0, 0, 0)], Forward, 0, [0, 0, 0, 0, 0, 0x22], [0, 2]),
            host.Entry(Table, [ProgramHost.Lpm(1, 24, 10, 1, 2, 0)], Forward, 0, [0, 0, 0, 0, 0, 0x33], [0, 3]));
        return host;
    }

    private static byte[] Forwarded(byte[] sent, byte[] newDst, byte ttl)
    {
        byte[] expected = [.. sent];
        Array.Copy(sent, 0, expected, 6, 6);
        newDst.CopyTo(expected, 0);
        expected[22] = ttl;
        return Frames.FixIpv4Checksum(expected);
    }

    [Test]
    public async Task Route_LongestPrefixWins_ForwardsWithTtlDecrementedAndChecksumUpdated()
    {
        await using ProgramHost host = await StartAsync();
        byte[] toShort = Frames.Ipv4Udp(0x0a050505, ttl: 64);
        byte[] toLong = Frames.Ipv4Udp(0x0a010207, ttl: 9);
        host.Send(1, toShort);
        host.Send(1, toLong);
        await host.ExpectAsync(
            (2, Forwarded(toShort, [0, 0, 0, 0, 0, 0x22], 63)),
            (3, Forwarded(toLong, [0, 0, 0, 0, 0, 0x33], 8)));
    }

    [Test]
    public async Task Route_NoMatchingPrefix_DropsAndCounts()
    {
        await using ProgramHost host = await StartAsync();
        host.Send(1, Frames.Ipv4Udp(0x0b000001));
        await host.ExpectAsync();
        Assert.That(host.Host.Switch.State!.Counters.Values.Single()[0].Packets, Is.EqualTo(1));
    }

    [Test]
    public async Task Route_BadChecksumOrTtlOne_Drops()
    {
        await using ProgramHost host = await StartAsync();
        byte[] bad = Frames.Ipv4Udp(0x0a050505);
        bad[25] ^= 0xFF;
        host.Send(1, bad);
        host.Send(1, Frames.Ipv4Udp(0x0a050505, ttl: 1));
        await host.ExpectAsync();
        Assert.That(host.Traces.Any(t => t.Events.Contains("verify_checksum: mismatch")), Is.True);
    }

    [Test]
    public async Task Route_NonIpv4Frame_Drops()
    {
        await using ProgramHost host = await StartAsync();
        host.Send(1, Frames.Ethernet(Frames.MacB, Frames.MacA, 0x86dd, Frames.Pattern(40)));
        await host.ExpectAsync();
    }

    [Test]
    public async Task Trace_ForwardedPacket_ShowsParserStatesTableHitAndAction()
    {
        await using ProgramHost host = await StartAsync();
        host.Send(1, Frames.Ipv4Udp(0x0a050505));
        await host.ExpectAsync((2, Forwarded(Frames.Ipv4Udp(0x0a050505), [0, 0, 0, 0, 0, 0x22], 63)));
        IReadOnlyList<string> events = host.Traces.Single().Events;
        Assert.That(events, Does.Contain("parser: state parse_ipv4"));
        Assert.That(events, Does.Contain("table IngressImpl.routing_v4: hit → IngressImpl.forward"));
    }
}
