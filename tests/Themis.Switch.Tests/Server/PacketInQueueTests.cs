using System.Diagnostics;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Themis.Switch.Engine;
using Themis.Switch.Pipeline;
using Themis.Switch.Ports;
using Themis.Switch.Server;
using V1 = P4.V1;

namespace Themis.Switch.Tests.Server;

/// <summary>
/// Packet-ins through the whole switch (data plane → CPU port → the primary's stream queue → gRPC) over a real
/// socket: a burst arrives complete and in order; a client that stops reading makes the bounded queue drop, and
/// the drops are counted and logged while what was queued still arrives in order.
/// </summary>
[Category("Integration")]
public sealed class PacketInQueueTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static byte[] Frame(int sequence, int size)
    {
        byte[] frame = new byte[size];
        frame[0] = (byte)(sequence >> 24);
        frame[1] = (byte)(sequence >> 16);
        frame[2] = (byte)(sequence >> 8);
        frame[3] = (byte)sequence;
        return frame;
    }

    private static int Sequence(V1.PacketIn packet)
    {
        ReadOnlySpan<byte> payload = packet.Payload.Span;
        return (payload[0] << 24) | (payload[1] << 16) | (payload[2] << 8) | payload[3];
    }

    private static async Task<(SwitchHost Host, InMemoryPort Port)> StartAsync(int capacity, ILoggerFactory? loggerFactory = null)
    {
        SwitchHost host = await SwitchHost.StartAsync(
            new SwitchOptions { CpuPort = 255 }, new ServerOptions { Address = "127.0.0.1:0", PacketInQueueCapacity = capacity }, loggerFactory: loggerFactory);
        InMemoryPort port = host.Switch.AddInMemoryPort(1);
        host.Runtime.Commit(new PipelineDefinition(TestP4Info.Build(), new ReflectorProgram(255), new Dictionary<uint, Themis.Switch.Runtime.Tables.ActionCall>(), ByteString.Empty));
        return (host, port);
    }

    private static async Task<AsyncDuplexStreamingCall<V1.StreamMessageRequest, V1.StreamMessageResponse>> BecomePrimaryAsync(V1.P4Runtime.P4RuntimeClient client)
    {
        var call = client.StreamChannel();
        await call.RequestStream.WriteAsync(new V1.StreamMessageRequest { Arbitration = new V1.MasterArbitrationUpdate { DeviceId = 0, ElectionId = new V1.Uint128 { Low = 1 } } });
        using var cts = new CancellationTokenSource(Timeout);
        Assert.That(await call.ResponseStream.MoveNext(cts.Token), Is.True);
        Assert.That(call.ResponseStream.Current.Arbitration?.Status.Code, Is.EqualTo((int)Code.Ok));
        return call;
    }

    private static async Task<List<int>> ReadPacketInsAsync(AsyncDuplexStreamingCall<V1.StreamMessageRequest, V1.StreamMessageResponse> call, Func<int, bool> done)
    {
        var sequences = new List<int>();
        using var cts = new CancellationTokenSource(Timeout);
        while (!done(sequences.Count) && await call.ResponseStream.MoveNext(cts.Token))
        {
            if (call.ResponseStream.Current.Packet is { } packet)
            {
                sequences.Add(Sequence(packet));
            }
        }

        return sequences;
    }

    [Test]
    public async Task PacketIns_BurstBelowBound_AllDeliveredInPuntOrder()
    {
        const int burst = 3000;
        (SwitchHost host, InMemoryPort port) = await StartAsync(capacity: 4096);
        await using (host)
        {
            using GrpcChannel channel = GrpcChannel.ForAddress(host.Address);
            using var call = await BecomePrimaryAsync(new V1.P4Runtime.P4RuntimeClient(channel));
            for (int i = 0; i < burst; i++)
            {
                port.Inject(Frame(i, 64));
            }

            List<int> received = await ReadPacketInsAsync(call, n => n == burst);

            Assert.That(received, Is.EqualTo(Enumerable.Range(0, burst)));
            Assert.That(host.Runtime.PacketInDrops, Is.Zero);
        }
    }

    [Test]
    public async Task PacketIns_ClientStopsReading_QueueDropsCountedAndLoggedQueuedOnesArriveInOrder()
    {
        const int capacity = 16;
        const int frames = 2000;
        using var logs = new CapturingLoggerProvider();
        using ILoggerFactory loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs));
        (SwitchHost host, InMemoryPort port) = await StartAsync(capacity, loggerFactory);
        await using (host)
        {
            using GrpcChannel channel = GrpcChannel.ForAddress(host.Address);
            using var call = await BecomePrimaryAsync(new V1.P4Runtime.P4RuntimeClient(channel));

            // 2 MB of packet-ins while the client reads nothing: HTTP/2 flow control stops the writer after a window's
            // worth, the queue fills, and the rest must be dropped rather than stall the data plane.
            long before = host.Switch.Counters.Transmitted;
            for (int i = 0; i < frames; i++)
            {
                port.Inject(Frame(i, 1000));
            }

            long deadline = Stopwatch.GetTimestamp() + (long)(Timeout.TotalSeconds * Stopwatch.Frequency);
            while (host.Switch.Counters.Transmitted - before < frames)
            {
                Assert.That(Stopwatch.GetTimestamp(), Is.LessThan(deadline), $"only {host.Switch.Counters.Transmitted - before} of {frames} frames reached the CPU port");
                await Task.Delay(10);
            }

            long drops = host.Runtime.PacketInDrops;
            Assert.That(drops, Is.GreaterThan(0));
            Assert.That(logs.Lines.Any(l => l.Level == LogLevel.Warning && l.Message.Contains("packet-ins dropped", StringComparison.Ordinal)), Is.True);

            List<int> received = await ReadPacketInsAsync(call, n => n + drops == frames);

            Assert.That(received.Count + drops, Is.EqualTo(frames), "every punt was either delivered or counted as dropped");
            Assert.That(received, Is.Ordered.Ascending.And.Unique, "delivered packet-ins keep punt order");
            Assert.That(received.Take(capacity), Is.EqualTo(Enumerable.Range(0, capacity)), "the oldest are kept, the newest dropped");
        }
    }
}
