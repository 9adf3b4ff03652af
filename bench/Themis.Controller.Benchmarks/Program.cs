using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using P4.V1;
using Themis.Controller;
using Themis.Controller.Host.Demo;
using Themis.Controller.Internal;
using Themis.P4Runtime;
using Themis.P4Runtime.Entities;
using Themis.P4Runtime.Info;
using Themis.Packets.Ethernet;
using Themis.Packets.IPv4;
using Themis.Switch.Engine;
using Themis.Switch.Pipeline;
using Themis.Switch.Ports;
using Themis.Switch.Server;

// Controller measurements against the embedded switch (strict BMv2 mode, ESW program executed), each next to
// the switch's own figure measured in the same run. Run from the repository root:
//   dotnet run -c Release --project bench/Themis.Controller.Benchmarks -- [latencySamples] [flows] [floodDigests]
int samples = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 300;
int flows = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000;
int flood = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
string configPath = Path.GetFullPath("config/esw.json");
using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(10));
CancellationToken ct = cancel.Token;

await using SwitchHost host = await SwitchHost.StartAsync(
    new SwitchOptions { CpuPort = 255, IngressBufferPackets = 1 << 17 }, new ServerOptions { Address = "127.0.0.1:0", StrictBmv2 = true }, new P4PipelineCompiler(), cancellationToken: ct);
InMemoryPort dc1 = host.Switch.AddInMemoryPort(1);
host.Switch.AddInMemoryPort(2);
host.Switch.AddInMemoryPort(3);
host.Switch.AddInMemoryPort(4);
string[] overrides = [$"switch.address={host.Address}", "http.enabled=false", "daemon.maxClockSkew=\"10m\""];
ControllerConfig config = ControllerConfigLoader.Load(configPath, overrides);
PipelineSource pipeline = PipelineSource.Load(config.Pipeline);
var index = P4InfoIndex.FromP4Info(pipeline.P4Info);
Console.WriteLine($"Themis controller benchmarks — {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");

// 1. The switch alone: a primary client pushes the pipeline, then times single inserts and batched inserts.
double[] bare;
double rawRate;
await using (P4RuntimeClient raw = await P4RuntimeClient.ConnectAsync(new P4RuntimeClientOptions { Address = host.Address, ElectionId = 1 }, NullLoggerFactory.Instance, ct))
{
    await raw.SetForwardingPipelineConfigAsync(pipeline.P4Info, pipeline.DeviceConfig, pipeline.Cookie, SetForwardingPipelineConfigRequest.Types.Action.VerifyAndCommit, ct);
    var program = new SwitchProgram(index, config);
    bare = new double[samples];
    for (int i = 0; i < samples + 20; i++)
    {
        var key = new QpKey(0x0A000101, 0x0A020101, (uint)(0x1000 + i));
        long start = Stopwatch.GetTimestamp();
        await raw.WriteAsync([P4Entities.Insert(program.QpFieldEntry(key, 0x11, i % 1024))], WriteRequest.Types.Atomicity.ContinueOnError, ct);
        double us = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        if (i >= 20)
        {
            bare[i - 20] = us; // the first 20 warm up
        }

        await raw.WriteAsync([P4Entities.Delete(program.QpFieldMatch(key))], WriteRequest.Types.Atomicity.ContinueOnError, ct);
    }

    var batch = Enumerable.Range(0, flows).Select(i => P4Entities.Insert(program.QpFieldEntry(new QpKey(0x0A000101, 0x0A020101, (uint)(0x2000 + i)), 0x11, i))).ToList();
    long batchStart = Stopwatch.GetTimestamp();
    for (int i = 0; i < batch.Count; i += 256)
    {
        await raw.WriteAsync(batch.Skip(i).Take(256), WriteRequest.Types.Atomicity.ContinueOnError, ct);
    }

    rawRate = flows / Stopwatch.GetElapsedTime(batchStart).TotalSeconds;
    for (int i = 0; i < batch.Count; i += 256)
    {
        await raw.WriteAsync(batch.Skip(i).Take(256).Select(u => P4Entities.Delete(u.Entity)), WriteRequest.Types.Atomicity.ContinueOnError, ct);
    }
}

// 2. The controller (adopts the pipeline by cookie). Latency: daemon packet injected on DC port 1 -> the
// controller's status shows the entry installed (its Write has returned, so the entry is active).
await using var controller = new EswController(config);
using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
Task run = controller.RunAsync(stop.Token);
await controller.WaitForAsync(s => s.Role == ControllerRole.Primary, TimeSpan.FromSeconds(30), ct);
var switchMac = MacAddress.Parse(config.SwitchMac);
var hostA = new EmulatedHost("A", IPv4Address.Parse("10.0.1.1"), MacAddress.Parse("02:00:0a:00:01:01"), switchMac, Convert.FromHexString(config.Daemon.Keys["10.0.1.1"]));
var remote = IPv4Address.Parse("10.2.1.1");
var controlIp = IPv4Address.Parse(config.ControlIp);
host.Switch.DigestHandler!(new DigestSample(index.Digest("handshake_digest_t").Preamble.Id, Pair(0x0A000101, 0x0A020101, 1)));
await controller.WaitForAsync(s => s.VerifiedPairs == 1, TimeSpan.FromSeconds(10), ct);
double[] latency = new double[samples];
for (int i = 0; i < samples + 20; i++)
{
    uint qpn = (uint)(0x100 + i);
    int before = controller.Status.InstalledFlows;
    byte[] frame = hostA.DaemonReport(controlIp, 12345, created: true, qpn, remote, 0x5000 + (uint)i);
    long start = Stopwatch.GetTimestamp();
    dc1.Inject(frame);
    await controller.WaitForAsync(s => s.InstalledFlows > before, TimeSpan.FromSeconds(10), ct);
    double us = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
    if (i >= 20)
    {
        latency[i - 20] = us;
    }

    dc1.Inject(hostA.DaemonReport(controlIp, 12345, created: false, qpn));
    await controller.WaitForAsync(s => s.InstalledFlows == before, TimeSpan.FromSeconds(10), ct);
}

// 3. Sustained registrations: `flows` daemon packets on the wire back to back -> all installed.
long sustainedStart = Stopwatch.GetTimestamp();
for (int i = 0; i < flows; i++)
{
    dc1.Inject(hostA.DaemonReport(controlIp, 12345, created: true, (uint)(0x10000 + i), remote, 0x20000 + (uint)i));
}

await controller.WaitForAsync(s => s.InstalledFlows == flows, TimeSpan.FromSeconds(120), ct);
double sustained = flows / Stopwatch.GetElapsedTime(sustainedStart).TotalSeconds;
for (int i = 0; i < flows; i++)
{
    dc1.Inject(hostA.DaemonReport(controlIp, 12345, created: false, (uint)(0x10000 + i)));
}

await controller.WaitForAsync(s => s.InstalledFlows == 0, TimeSpan.FromSeconds(120), ct);

// 4. Flood: `flood` digests of distinct pairs and as many malformed daemon packets, then 10 valid registrations.
GC.Collect();
long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
long peakWorkingSet = 0;
uint digestId = index.Digest("handshake_digest_t").Preamble.Id;
byte[] malformed = hostA.DaemonReport(controlIp, 12345, created: true, 1, remote, 1);
malformed[^3] ^= 0xFF;
var floodClock = Stopwatch.StartNew();
for (int i = 0; i < flood; i++)
{
    host.Switch.DigestHandler!(new DigestSample(digestId, Pair(0x0A000000u | (uint)(i % 65000 + 2), 0x0B000000u | (uint)(i / 65000 + 2), (uint)i)));
    if (i % 4 == 0)
    {
        dc1.Inject(malformed);
    }

    if (i % 1000 == 0)
    {
        peakWorkingSet = Math.Max(peakWorkingSet, Environment.WorkingSet);
        await Task.Yield();
    }
}

for (int i = 0; i < 10; i++)
{
    dc1.Inject(hostA.DaemonReport(controlIp, 12345, created: true, (uint)(0x30000 + i), remote, 0x40000 + (uint)i));
}

ControllerStatus afterFlood = await controller.WaitForAsync(s => s.InstalledFlows == 10, TimeSpan.FromSeconds(120), ct);
peakWorkingSet = Math.Max(peakWorkingSet, Environment.WorkingSet);
long heapAfter = GC.GetTotalMemory(forceFullCollection: true);
await stop.CancelAsync();
await run;

Array.Sort(bare);
Array.Sort(latency);
Console.WriteLine($"bare single insert round trip (switch): p50 {P(bare, 0.5):F0} us, p99 {P(bare, 0.99):F0} us  (n={samples})");
Console.WriteLine($"daemon packet -> qp_field entry active:  p50 {P(latency, 0.5):F0} us, p99 {P(latency, 0.99):F0} us  (n={samples}; p99 ratio {P(latency, 0.99) / P(bare, 0.99):F2}x)");
Console.WriteLine($"raw batched writes (256/batch):          {rawRate:F0} entries/s");
Console.WriteLine($"sustained registrations (wire -> entry): {sustained:F0} registrations/s ({sustained / rawRate:P0} of raw)");
Console.WriteLine($"flood: {flood} digests + {flood / 4} malformed daemon packets in {floodClock.Elapsed.TotalSeconds:F1} s; managed heap {heapBefore / 1e6:F0} -> {heapAfter / 1e6:F0} MB, peak working set {peakWorkingSet / 1e6:F0} MB (switch and controller in one process); verified pairs held {afterFlood.VerifiedPairs}; 10/10 valid registrations installed afterwards");
return 0;

static double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

static P4Data Pair(uint local, uint remoteIp, uint pairIndex)
{
    var data = new P4Data { Struct = new P4StructLike() };
    foreach (uint v in new[] { local, remoteIp, pairIndex })
    {
        data.Struct.Members.Add(new P4Data { Bitstring = Google.Protobuf.ByteString.CopyFrom([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]) });
    }

    return data;
}
