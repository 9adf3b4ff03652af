using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using P4.V1;
using Themis.Controller;
using Themis.Controller.Benchmarks;
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
string[] overrides = [$"switch.address={host.Address}", "http.enabled=false", "daemon.maxClockSkew=\"10m\"", "pipeline.push=always"];
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
var probe = new CpuPortProbe(host.Switch);
using var meters = new ControllerMeters();
await using var controller = new EswController(config);
using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
Task run = controller.RunAsync(stop.Token);
await controller.WaitForAsync(s => s.Role == ControllerRole.Primary, TimeSpan.FromSeconds(30), ct);
// The switch's data plane alone on the daemon packet (its tables set up by the controller): injected on DC port 1
// until it reaches the CPU port, kept there (not sent to the controller). Every registration costs the switch
// this pass before any Write.
var switchMac = MacAddress.Parse(config.SwitchMac);
var hostA = new EmulatedHost("A", IPv4Address.Parse("10.0.1.1"), MacAddress.Parse("02:00:0a:00:01:01"), switchMac, Convert.FromHexString(config.Daemon.Keys["10.0.1.1"]));
var remote = IPv4Address.Parse("10.2.1.1");
var controlIp = IPv4Address.Parse(config.ControlIp);
probe.Swallow = true;
double[] passLatency = new double[samples];
for (int i = 0; i < samples + 20; i++)
{
    byte[] frame = hostA.DaemonReport(controlIp, 12345, created: true, (uint)(0x100 + i), remote, 0x5000 + (uint)i);
    long before = probe.Frames;
    long start = Stopwatch.GetTimestamp();
    dc1.Inject(frame);
    await probe.WaitForAsync(before + 1, TimeSpan.FromSeconds(10));
    if (i >= 20)
    {
        passLatency[i - 20] = Stopwatch.GetElapsedTime(start, probe.LastAt).TotalMicroseconds;
    }
}

byte[][] passFrames = [.. Enumerable.Range(0, flows).Select(i => hostA.DaemonReport(controlIp, 12345, created: true, (uint)(0x100 + i), remote, 0x5000 + (uint)i))];
long passBase = probe.Frames;
long passStart = Stopwatch.GetTimestamp();
foreach (byte[] frame in passFrames)
{
    dc1.Inject(frame);
}

await probe.WaitForAsync(passBase + flows, TimeSpan.FromSeconds(120));
double passRate = flows / Stopwatch.GetElapsedTime(passStart, probe.LastAt).TotalSeconds;
probe.Swallow = false;

host.Switch.DigestHandler!(new DigestSample(index.Digest("handshake_digest_t").Preamble.Id, Pair(0x0A000101, 0x0A020101, 1)));
await controller.WaitForAsync(s => s.VerifiedPairs == 1, TimeSpan.FromSeconds(10), ct);
uint sequence = 0;
byte[] Report(bool created, uint qpn, uint remoteQpn) => hostA.DaemonReport(controlIp, 12345, created, qpn, remote, remoteQpn);
byte[] Punted(byte[] frame)
{
    byte[] bytes = new byte[Themis.Packets.SwitchInternal.PacketInHeader.Size + frame.Length];
    new Themis.Packets.SwitchInternal.PacketInHeader(1, Themis.Packets.SwitchInternal.PuntReason.DaemonPacket, 0, 0, 0, 0).WriteTo(bytes);
    frame.CopyTo(bytes, Themis.Packets.SwitchInternal.PacketInHeader.Size);
    return bytes;
}

// Wire: through the data plane. Direct: the same packet-in handed to the switch's packet-in path (no pipeline pass).
var stages = new List<(double Pass, double Controller, double Write, double Total)>();
async Task<double[]> LatencyAsync(bool wire)
{
    double[] result = new double[samples];
    for (int i = 0; i < samples + 20; i++)
    {
        uint qpn = 0x100 + sequence++;
        int before = controller.Status.InstalledFlows;
        byte[] frame = Report(true, qpn, 0x5000 + qpn);
        byte[] punted = Punted(frame);
        meters.Clear();
        long framesBefore = probe.Frames;
        long start = Stopwatch.GetTimestamp();
        if (wire)
        {
            dc1.Inject(frame);
        }
        else
        {
            await probe.PuntAsync(punted);
        }

        await controller.WaitForAsync(s => s.InstalledFlows > before, TimeSpan.FromSeconds(10), ct);
        double us = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        if (i < 3 && wire) Console.WriteLine($"debug frames {probe.Frames - framesBefore} reg {string.Join(",", meters.Registration)} write {string.Join(",", meters.Write)} total {us}");
        if (i >= 20)
        {
            result[i - 20] = us;
            if (wire)
            {
                stages.Add((Stopwatch.GetElapsedTime(start, probe.LastAt).TotalMicroseconds, meters.Registration.Sum(), meters.Write.Sum(), us));
            }
        }

        dc1.Inject(Report(false, qpn, 0));
        await controller.WaitForAsync(s => s.InstalledFlows == before, TimeSpan.FromSeconds(10), ct);
    }

    return result;
}

double[] latency = await LatencyAsync(wire: true);
double[] directLatency = await LatencyAsync(wire: false);

// 3. Sustained registrations: `flows` daemon packets back to back -> all installed; on the wire, then as packet-ins.
async Task<(double Rate, double MeanBatch)> SustainedAsync(bool wire)
{
    uint first = 0x10000 + sequence;
    sequence += (uint)flows;
    byte[][] frames = [.. Enumerable.Range(0, flows).Select(i => Report(true, first + (uint)i, 0x20000 + first + (uint)i))];
    byte[][] punted = [.. frames.Select(Punted)];
    meters.Clear();
    long start = Stopwatch.GetTimestamp();
    for (int i = 0; i < flows; i++)
    {
        if (wire)
        {
            dc1.Inject(frames[i]);
        }
        else
        {
            await probe.PuntAsync(punted[i]);
        }
    }

    await controller.WaitForAsync(s => s.InstalledFlows == flows, TimeSpan.FromSeconds(120), ct);
    double rate = flows / Stopwatch.GetElapsedTime(start).TotalSeconds;
    double meanBatch = meters.BatchSizes.IsEmpty ? 0 : meters.BatchSizes.Average();
    for (int i = 0; i < flows; i++)
    {
        dc1.Inject(Report(false, first + (uint)i, 0));
    }

    await controller.WaitForAsync(s => s.InstalledFlows == 0, TimeSpan.FromSeconds(120), ct);
    return (rate, meanBatch);
}

(double sustained, double sustainedBatch) = await SustainedAsync(wire: true);
(double sustainedDirect, double directBatch) = await SustainedAsync(wire: false);

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

var profileHost = new EmulatedHost("P", IPv4Address.Parse("10.0.1.1"), MacAddress.Parse("02:00:0a:00:01:01"), switchMac, Convert.FromHexString(config.Daemon.Keys["10.0.1.1"]));
IReadOnlyList<(string Step, double Micros, double Bytes)> profile = HotPathProfile.Run(config, index, (qpn, remoteQpn) => profileHost.DaemonReport(controlIp, 12345, true, qpn, remote, remoteQpn), flows);
foreach ((string step, double micros, double bytes) in profile)
{
    Console.WriteLine($"  controller CPU per registration, {step}: {micros:F2} us, {bytes:F0} B allocated");
}

Array.Sort(bare);
Array.Sort(latency);
Array.Sort(passLatency);
Array.Sort(directLatency);
double equivalent = 1 / (1 / rawRate + 1 / passRate);
Console.WriteLine($"daemon packet pass, data plane only:     p50 {P(passLatency, 0.5):F0} us, p99 {P(passLatency, 0.99):F0} us; {passRate:F0} packets/s back to back");
Console.WriteLine($"bare single insert round trip (switch): p50 {P(bare, 0.5):F0} us, p99 {P(bare, 0.99):F0} us  (n={samples})");
Console.WriteLine($"daemon packet -> qp_field entry active:  p50 {P(latency, 0.5):F0} us, p99 {P(latency, 0.99):F0} us  (n={samples}; p99 ratio {P(latency, 0.99) / P(bare, 0.99):F2}x)");
Console.WriteLine($"packet-in -> qp_field entry active:      p50 {P(directLatency, 0.5):F0} us, p99 {P(directLatency, 0.99):F0} us  (n={samples}; p99 ratio {P(directLatency, 0.99) / P(bare, 0.99):F2}x)");
double[] pass = [.. stages.Select(x => x.Pass).Order()];
double[] inController = [.. stages.Select(x => x.Controller).Order()];
double[] write = [.. stages.Select(x => x.Write).Order()];
double[] rest = [.. stages.Select(x => x.Total - x.Pass - x.Controller).Order()];
Console.WriteLine($"  wire latency by stage, p50/p99 us: data-plane pass {P(pass, 0.5):F0}/{P(pass, 0.99):F0}; CPU port -> controller + status seen {P(rest, 0.5):F0}/{P(rest, 0.99):F0}; in controller {P(inController, 0.5):F0}/{P(inController, 0.99):F0} of which Write {P(write, 0.5):F0}/{P(write, 0.99):F0}");
Console.WriteLine($"raw batched writes (256/batch):          {rawRate:F0} entries/s; with each entry's daemon-packet pass: {equivalent:F0}/s");
Console.WriteLine($"sustained registrations (wire -> entry): {sustained:F0} registrations/s ({sustained / rawRate:P0} of raw, {sustained / equivalent:P0} of raw + pass); mean Write {sustainedBatch:F1} updates");
Console.WriteLine($"sustained registrations (packet-in):     {sustainedDirect:F0} registrations/s ({sustainedDirect / rawRate:P0} of raw); mean Write {directBatch:F1} updates");
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
