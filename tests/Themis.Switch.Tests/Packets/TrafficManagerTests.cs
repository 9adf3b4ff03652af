using System.Buffers.Binary;
using System.Diagnostics;
using Themis.Switch.Engine;
using Themis.Switch.Ports;
using Themis.Switch.Tests.Packets.Support;

namespace Themis.Switch.Tests.Packets;

/// <summary>
/// Per-port egress queues (rate, depth, tail drop, queueing metadata) and per-port link delay,
/// with the queueing.p4 probe program. Timing assertions are lower bounds or orderings only.
/// </summary>
[Category("Packet")]
public sealed class TrafficManagerTests
{
    private const int Burst = 40;

    private static byte[] Probe(uint seq)
    {
        byte[] probe = new byte[28];
        BinaryPrimitives.WriteUInt32BigEndian(probe, seq);
        return Frames.Ethernet(Frames.MacB, Frames.MacA, 0x88B5, probe);
    }

    private static (uint Seq, uint EnqDepth, uint DeqDepth, uint DeqDelta, ulong IngressTs, ulong EgressTs) Read(byte[] frame)
    {
        ReadOnlySpan<byte> p = frame.AsSpan(14);
        return (BinaryPrimitives.ReadUInt32BigEndian(p), BinaryPrimitives.ReadUInt32BigEndian(p[4..]), BinaryPrimitives.ReadUInt32BigEndian(p[8..]), BinaryPrimitives.ReadUInt32BigEndian(p[12..]), Timestamp(p[16..]), Timestamp(p[22..]));
    }

    private static ulong Timestamp(ReadOnlySpan<byte> at) => ((ulong)BinaryPrimitives.ReadUInt16BigEndian(at) << 32) | BinaryPrimitives.ReadUInt32BigEndian(at[2..]);

    [Test]
    public async Task Queue_BurstIntoSlowPort_DepthShowsInMetadataAndFullQueueTailDrops()
    {
        var options = new SwitchOptions
        {
            CpuPort = ProgramHost.CpuPort,
            Ports = new Dictionary<uint, PortSettings> { [2] = new PortSettings { RatePps = 50, QueueDepth = 4 } },
        };
        await using ProgramHost host = await ProgramHost.StartAsync("queueing.p4", [1, 2], options: options);
        SwitchCounters counters = host.Host.Switch.Counters;

        for (uint i = 0; i < Burst; i++)
        {
            host.Send(1, Probe(i));
        }

        // Everything is either delivered (at 50 packets/s) or tail-dropped; wait until all are accounted for.
        var delivered = new List<byte[]>();
        var clock = Stopwatch.StartNew();
        while (delivered.Count + counters.QueueDrops < Burst && clock.Elapsed < ProgramHost.Timeout)
        {
            if (await host.Ports[2].ReceiveAsync(TimeSpan.FromMilliseconds(200)) is { } frame)
            {
                delivered.Add(frame);
            }
        }

        var probes = delivered.Select(Read).ToList();
        Assert.That(delivered.Count + counters.QueueDrops, Is.EqualTo(Burst), "each frame delivered or counted as a queue drop");
        Assert.That(counters.QueueDrops, Is.GreaterThan(0), "a 4-packet queue drained at 50 pps cannot take a 40-frame burst");
        Assert.That(probes.Select(p => p.Seq), Is.Ordered, "a FIFO keeps order; the drops are at the tail");
        Assert.That(probes.Max(p => p.EnqDepth), Is.InRange(1u, 4u), "enq_qdepth counts the packets queued ahead");
        Assert.That(probes.Max(p => p.DeqDelta), Is.GreaterThan(0u), "deq_timedelta shows the time spent queued");
        Assert.That(probes.All(p => p.EgressTs >= p.IngressTs), Is.True);
    }

    [Test]
    public async Task Queue_UnlimitedPort_DepthsStayZero()
    {
        await using ProgramHost host = await ProgramHost.StartAsync("queueing.p4", [1, 2]);

        for (uint i = 0; i < 10; i++)
        {
            host.Send(1, Probe(i));
        }

        await host.Host.Switch.WaitIdleAsync(ProgramHost.Timeout);
        var probes = new List<(uint Seq, uint EnqDepth, uint DeqDepth, uint DeqDelta, ulong IngressTs, ulong EgressTs)>();
        while (host.Ports[2].TryReceive(out byte[] frame))
        {
            probes.Add(Read(frame));
        }

        Assert.That(probes.Select(p => p.Seq), Is.EqualTo(Enumerable.Range(0, 10).Select(i => (uint)i)));
        Assert.That(probes.Select(p => p.EnqDepth + p.DeqDepth), Is.All.Zero, "BMv2's default queue has no rate limit, so nothing waits");
        Assert.That(host.Host.Switch.Counters.QueueDrops, Is.Zero);
    }

    [Test]
    public async Task LinkDelay_PortWithDelay_FramesLeaveNoEarlierThanTheDelayInOrder()
    {
        TimeSpan delay = TimeSpan.FromMilliseconds(300);
        var options = new SwitchOptions
        {
            CpuPort = ProgramHost.CpuPort,
            Ports = new Dictionary<uint, PortSettings> { [2] = new PortSettings { LinkDelay = delay } },
        };
        await using ProgramHost host = await ProgramHost.StartAsync("queueing.p4", [1, 2], options: options);

        var clock = Stopwatch.StartNew();
        for (uint i = 0; i < 5; i++)
        {
            host.Send(1, Probe(i));
        }

        byte[]? first = await host.Ports[2].ReceiveAsync(ProgramHost.Timeout);
        TimeSpan firstSeen = clock.Elapsed;
        var seqs = new List<uint> { first is null ? uint.MaxValue : Read(first).Seq };
        for (int i = 1; i < 5; i++)
        {
            byte[]? next = await host.Ports[2].ReceiveAsync(ProgramHost.Timeout);
            seqs.Add(next is null ? uint.MaxValue : Read(next).Seq);
        }

        Assert.That(first, Is.Not.Null, "the delayed frame arrives");
        Assert.That(firstSeen, Is.GreaterThanOrEqualTo(delay), "a frame cannot leave before the link delay has passed");
        Assert.That(seqs, Is.EqualTo(new uint[] { 0, 1, 2, 3, 4 }), "a delay line keeps order");
    }
}
