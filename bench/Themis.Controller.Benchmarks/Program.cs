using System.Diagnostics;
using System.Globalization;
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
using Themis.Packets.SwitchInternal;
using Themis.Switch.Engine;
using Themis.Switch.Pipeline;
using Themis.Switch.Ports;
using Themis.Switch.Server;

// Controller measurements, each next to the switch's own figures measured in the same run, so like is compared
// with like. Run from the repository root:
//   dotnet run -c Release --project bench/Themis.Controller.Benchmarks -- [latencySamples] [flows] [floodDigests] [packetIns] [rounds] [warmupSeconds]
// By default the switch is the embedded one in this process (strict BMv2 mode, ESW program executed). With
//   --switch ADDRESS --dc-interface IFACE [--set key=value ...]
// it is a switch in another process (themis-switch, or BMv2's simple_switch_grpc with p4c's outputs given through
// --set pipeline.p4info=... --set pipeline.deviceConfig=...), its DC port 1 wired to IFACE; see run-external.sh.
// Then only what can be observed from outside is measured: inserts, and registrations on the wire.
string? externalAddress = null, dcInterface = null;
var sets = new List<string>();
var positional = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--switch" when i + 1 < args.Length:
            externalAddress = args[++i];
            break;
        case "--dc-interface" when i + 1 < args.Length:
            dcInterface = args[++i];
            break;
        case "--set" when i + 1 < args.Length:
            sets.Add(args[++i]);
            break;
        default:
            positional.Add(args[i]);
            break;
    }
}

if ((externalAddress is null) != (dcInterface is null))
{
    Console.Error.WriteLine("--switch and --dc-interface go together: the benchmark sends the daemon packets on the interface wired to the switch's DC port 1.");
    return 2;
}

int samples = positional.Count > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : 300;
int flows = positional.Count > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 1000;
int flood = positional.Count > 2 ? int.Parse(positional[2], CultureInfo.InvariantCulture) : 100_000;
int deliveries = positional.Count > 3 ? int.Parse(positional[3], CultureInfo.InvariantCulture) : 30_000;
string configPath = Path.GetFullPath("config/esw.json");
using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(15));
CancellationToken ct = cancel.Token;

// The embedded switch buffers the flood below: 2^17 frames in its ingress buffer and as many packet-ins on the
// controller's stream (beyond that it would drop punts, counted in PacketInDrops and printed at the end).
await using SwitchHost? host = externalAddress is not null ? null : await SwitchHost.StartAsync(
    new SwitchOptions { CpuPort = 255, IngressBufferPackets = 1 << 17 },
    new ServerOptions { Address = "127.0.0.1:0", StrictBmv2 = true, PacketInQueueCapacity = 1 << 17 },
    new P4PipelineCompiler(),
    cancellationToken: ct);
await using ExternalDcPort? external = dcInterface is null ? null : ExternalDcPort.Open(dcInterface);
Uri address = host?.Address ?? new Uri(externalAddress!);
InMemoryPort? dc1 = host?.Switch.AddInMemoryPort(1);
host?.Switch.AddInMemoryPort(2);
host?.Switch.AddInMemoryPort(3);
host?.Switch.AddInMemoryPort(4);
void Inject(byte[] frame)
{
    if (dc1 is not null)
    {
        dc1.Inject(frame);
    }
    else
    {
        external!.Send(frame);
    }
}

// The controller pushes the pipeline itself (as on a fresh switch), so its slots are known clean. On an adopted
// pipeline every slot's first use also waits for a RESET_SLOT control round trip (docs/controller-design.md).
string[] overrides = ["http.enabled=false", "daemon.maxClockSkew=\"10m\"", "pipeline.push=always"];
ControllerConfig config = ControllerConfigLoader.Load(configPath, [$"switch.address={address}", .. overrides, .. sets]);
PipelineSource pipeline = PipelineSource.Load(config.Pipeline);
var index = P4InfoIndex.FromP4Info(pipeline.P4Info);
var program = new SwitchProgram(index, config);
CpuPortProbe? probe = host is null ? null : new CpuPortProbe(host.Switch);
var switchMac = MacAddress.Parse(config.SwitchMac);
var hostA = new EmulatedHost("A", IPv4Address.Parse("10.0.1.1"), MacAddress.Parse("02:00:0a:00:01:01"), switchMac, Convert.FromHexString(config.Daemon.Keys["10.0.1.1"]));
var remote = IPv4Address.Parse("10.2.1.1");
var controlIp = IPv4Address.Parse(config.ControlIp);
uint digestId = index.Digest(EswNames.HandshakeDigest).Preamble.Id;
uint nextQpn = 0x100;
byte[] Report(bool created, uint qpn) => hostA.DaemonReport(controlIp, 12345, created, qpn, remote, created ? 0x80000 + qpn : 0);
Console.WriteLine($"Themis controller benchmarks — {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {LoadAverage()}; switch: {(host is null ? $"{address} (another process), DC port 1 on {dcInterface}" : "embedded, this process")}");

// Tiered JIT recompiles hot code with full optimisation (and profile-guided) only after 30 calls and a quiet
// 100 ms; until then it runs unoptimised code, several times slower. A long-running switch and controller run the
// optimised code, so that is what is measured: first a warm-up of `warmup` seconds drives every path measured
// below (the controller's registrations on the wire and as packet-ins, the bare client's batched Writes and
// packet-in reads); each rate is then measured over `rounds` rounds.
int rounds = positional.Count > 4 ? int.Parse(positional[4], CultureInfo.InvariantCulture) : 25;
double warmup = positional.Count > 5 ? double.Parse(positional[5], CultureInfo.InvariantCulture) : 4;
using var meters = new ControllerMeters();
EswController controller = null!;
var warmupClock = Stopwatch.StartNew();
while (warmupClock.Elapsed.TotalSeconds < warmup)
{
    await using (P4RuntimeClient raw = await P4RuntimeClient.ConnectAsync(new P4RuntimeClientOptions { Address = address, ElectionId = 1 }, NullLoggerFactory.Instance, ct))
    {
        await raw.SetForwardingPipelineConfigAsync(pipeline.P4Info, pipeline.DeviceConfig, pipeline.Cookie, SetForwardingPipelineConfigRequest.Types.Action.VerifyAndCommit, ct);
        for (int r = 0; r < 5; r++)
        {
            await RawBatchedAsync(raw);
            if (host is not null)
            {
                await DeliveryAsync(raw, deliveries / 10);
            }
        }
    }

    await using (controller = new EswController(config))
    {
        using var warmStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task warmRun = controller.RunAsync(warmStop.Token);
        await StartedAsync();
        for (int r = 0; r < 5; r++)
        {
            await SustainedAsync(wire: true);
            if (host is not null)
            {
                await SustainedAsync(wire: false);
            }
        }

        await warmStop.CancelAsync();
        await warmRun;
    }
}

await Task.Delay(2000, ct); // the JIT recompiles the hot code in the background, on the same two cores

// 1. The switch alone, with a bare primary client: single inserts, batched inserts, and packet-in delivery. The
// batched-insert and delivery rounds are repeated after the controller has gone (section 2d), so the controller's
// rate is compared with the switch's raw rate measured on both sides of it.
double[] bare = new double[samples];
var rawRates = new List<double>();
var deliveryRates = new List<double>();
await using (P4RuntimeClient raw = await P4RuntimeClient.ConnectAsync(new P4RuntimeClientOptions { Address = address, ElectionId = 1 }, NullLoggerFactory.Instance, ct))
{
    for (int i = 0; i < samples + 20; i++)
    {
        var key = new QpKey(0x0A000101, 0x0A020101, (uint)(0x1000 + i));
        long start = Stopwatch.GetTimestamp();
        await raw.WriteAsync([P4Entities.Insert(program.QpFieldEntry(key, 0x11, i % 1024))], WriteRequest.Types.Atomicity.ContinueOnError, ct);
        if (i >= 20)
        {
            bare[i - 20] = Stopwatch.GetElapsedTime(start).TotalMicroseconds; // the first 20 warm up
        }

        await raw.WriteAsync([P4Entities.Delete(program.QpFieldMatch(key))], WriteRequest.Types.Atomicity.ContinueOnError, ct);
    }

    await SwitchAloneRoundsAsync(raw);
}

// 2. The controller in this process (measured through its own histograms and the CPU port probe).
controller = new EswController(config);
using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
Task run = controller.RunAsync(stop.Token);
await StartedAsync();

// 2a. The data plane's pass over a daemon packet (tables as the controller set them up), the frame kept at the
// CPU port: every registration costs the switch this before any Write.
double[] pass = new double[host is null ? 0 : samples];
var passRates = new List<double>();
if (probe is not null)
{
    probe.Swallow = true;
    for (int i = 0; i < samples + 20; i++)
    {
        byte[] frame = Report(true, nextQpn++);
        long before = probe.Frames;
        long start = Stopwatch.GetTimestamp();
        Inject(frame);
        await probe.WaitForAsync(before + 1, TimeSpan.FromSeconds(10));
        if (i >= 20)
        {
            pass[i - 20] = Stopwatch.GetElapsedTime(start, probe.LastAt).TotalMicroseconds;
        }
    }

    for (int r = 0; r < rounds; r++)
    {
        byte[][] passFrames = [.. Enumerable.Range(0, flows).Select(_ => Report(true, nextQpn++))];
        long passBase = probe.Frames;
        long passStart = Stopwatch.GetTimestamp();
        foreach (byte[] frame in passFrames)
        {
            Inject(frame);
        }

        await probe.WaitForAsync(passBase + flows, TimeSpan.FromSeconds(120));
        passRates.Add(flows / Stopwatch.GetElapsedTime(passStart, probe.LastAt).TotalSeconds);
    }

    probe.Swallow = false;
}

// 2b. Latency, one registration at a time: on the wire (data plane, packet-in, controller, Write) and as a
// packet-in handed straight to the switch's packet-in path (no pipeline pass).
var stages = new List<(double Pass, double InController, double Write, double Total)>();
double[] wireLatency = await LatencyAsync(wire: true);
double[] directLatency = host is null ? [] : await LatencyAsync(wire: false);

// 2c. Sustained registrations: `flows` daemon packets back to back until all are installed, wire and packet-in
// rounds interleaved.
var wireRuns = new List<Sustained>();
var directRuns = new List<Sustained>();
for (int r = 0; r < rounds; r++)
{
    wireRuns.Add(await SustainedAsync(wire: true));
    if (host is not null)
    {
        directRuns.Add(await SustainedAsync(wire: false));
    }
}

await stop.CancelAsync();
await run;
await controller.DisposeAsync();

// 2d. The switch alone again, now that the controller has gone.
await using (P4RuntimeClient raw = await P4RuntimeClient.ConnectAsync(new P4RuntimeClientOptions { Address = address, ElectionId = 1 }, NullLoggerFactory.Instance, ct))
{
    await SwitchAloneRoundsAsync(raw);
}

IReadOnlyList<(string Step, double Micros, double Bytes)> profile = HotPathProfile.Run(config, index, (qpn, remoteQpn) => hostA.DaemonReport(controlIp, 12345, true, qpn, remote, remoteQpn), flows);

long dropsBeforeFlood = host?.Runtime.PacketInDrops ?? 0;

// 3. Memory under a flood, with the controller in its own process (the production binary), so the switch's
// memory is not counted: `flood` handshake digests of distinct pairs plus flood/4 malformed (bad MAC) daemon
// packets through the data plane, then 10 valid registrations that must still be installed.
string floodReport = host is null ? "flood: not run (it needs the embedded switch's digest hook)" : await FloodAsync(host, dc1!);

Array.Sort(bare);
Array.Sort(pass);
Array.Sort(wireLatency);
Array.Sort(directLatency);
double[] stagePass = [.. stages.Select(x => x.Pass).Order()];
double[] stageController = [.. stages.Select(x => x.InController - x.Write).Order()];
double[] stageWrite = [.. stages.Select(x => x.Write).Order()];
double[] stageDelivery = [.. stages.Select(x => x.Total - x.Pass - x.InController).Order()];
double rawRate = Overall(rawRates);
Console.WriteLine();
Console.WriteLine($"After {warmup:F0} s of warm-up; rates are over {rounds} rounds (overall, then the slowest and fastest round), the switch's own from {rounds} rounds before the controller ran and {rounds} after.");
Console.WriteLine("switch alone (bare P4Runtime client):");
Console.WriteLine($"  single qp_field insert round trip        p50 {P(bare, 0.5):F0} us, p99 {P(bare, 0.99):F0} us (n={samples})");
Console.WriteLine($"  batched inserts (256 per Write)          {Spread(rawRates)} entries/s ({flows} per round)");
if (host is null)
{
    // From outside, the switch's packet-in and pass costs cannot be isolated: the wire rate is compared with the
    // batched inserts alone.
    Console.WriteLine("controller (in process):");
    Console.WriteLine($"  daemon packet -> qp_field entry active   p50 {P(wireLatency, 0.5):F0} us, p99 {P(wireLatency, 0.99):F0} us (n={samples}; p99 {P(wireLatency, 0.99) / P(bare, 0.99):F2}x bare)");
    Console.WriteLine($"  sustained, on the wire                   {Describe(wireRuns, null)}");
}
else
{
    double deliveryRate = Overall(deliveryRates);
    double passRate = Overall(passRates);
    double switchDirect = 1 / (1 / rawRate + 1 / deliveryRate);
    double switchWire = 1 / (1 / rawRate + 1 / deliveryRate + 1 / passRate);
    Console.WriteLine($"  packet-in delivery (punt -> client)      {Spread(deliveryRates)} packet-ins/s ({deliveries} back to back per round)");
    Console.WriteLine($"  daemon packet pass (DC port -> CPU port) p50 {P(pass, 0.5):F0} us, p99 {P(pass, 0.99):F0} us; {Spread(passRates)} packets/s");
    Console.WriteLine($"  packet-ins dropped by the switch (stream queue full), whole run before the flood: {dropsBeforeFlood}");
    Console.WriteLine($"  per registration, switch work only:      {switchDirect:F0}/s as packet-ins (delivery + batched insert), {switchWire:F0}/s on the wire (+ pass)");
    Console.WriteLine("controller (in process):");
    Console.WriteLine($"  packet-in -> qp_field entry active       p50 {P(directLatency, 0.5):F0} us, p99 {P(directLatency, 0.99):F0} us (n={samples}; p99 {P(directLatency, 0.99) / P(bare, 0.99):F2}x bare)");
    Console.WriteLine($"  daemon packet -> qp_field entry active   p50 {P(wireLatency, 0.5):F0} us, p99 {P(wireLatency, 0.99):F0} us (n={samples}; p99 {P(wireLatency, 0.99) / P(bare, 0.99):F2}x bare)");
    Console.WriteLine($"    by stage, p50/p99 us: data-plane pass {P(stagePass, 0.5):F0}/{P(stagePass, 0.99):F0}; packet-in delivery + status seen {P(stageDelivery, 0.5):F0}/{P(stageDelivery, 0.99):F0}; controller before its Write {P(stageController, 0.5):F0}/{P(stageController, 0.99):F0}; Write {P(stageWrite, 0.5):F0}/{P(stageWrite, 0.99):F0}");
    Console.WriteLine($"  sustained, packet-ins                    {Describe(directRuns, switchDirect)}");
    Console.WriteLine($"  sustained, on the wire                   {Describe(wireRuns, switchWire)}");
}

foreach ((string step, double micros, double bytes) in profile)
{
    Console.WriteLine($"  CPU per registration, {step,-42} {micros,6:F2} us, {bytes,5:F0} B allocated");
}

Console.WriteLine(floodReport);
return 0;

async Task<string> FloodAsync(SwitchHost embedded, InMemoryPort embeddedDc1)
{
    await using (ControllerProcess child = ControllerProcess.Start(configPath, embedded.Address, ["daemon.maxClockSkew=\"10m\"", "pipeline.push=always"]))
    {
        await child.WaitPrimaryAsync(TimeSpan.FromSeconds(60), ct);
        await Task.Delay(500, ct);
        (long idleRss, _) = child.Memory();
        double idleHeap = await child.MetricAsync("themis_controller_gc_heap_bytes", ct) ?? 0;
        byte[] malformed = Report(true, 1);
        malformed[^3] ^= 0xFF;
        long maxRss = idleRss;
        double maxHeap = idleHeap;
        var floodClock = Stopwatch.StartNew();
        for (int i = 0; i < flood; i++)
        {
            embedded.Switch.DigestHandler!(new DigestSample(digestId, Pair(0x0A000000u | (uint)(i % 65000 + 2), 0x0B000000u | (uint)(i / 65000 + 2), (uint)i)));
            if (i % 4 == 0)
            {
                embeddedDc1.Inject(malformed);
            }

            if (i % 2000 == 0)
            {
                maxRss = Math.Max(maxRss, child.Memory().Rss);
                maxHeap = Math.Max(maxHeap, await child.MetricAsync("themis_controller_gc_heap_bytes", ct) ?? 0);
                await Task.Yield();
            }
        }

        // A new connection's handshake, queued behind the flood, then its registrations.
        embedded.Switch.DigestHandler!(new DigestSample(digestId, Pair(0x0A000101, 0x0A020101, 1)));
        uint firstValid = nextQpn;
        for (int i = 0; i < 10; i++)
        {
            embeddedDc1.Inject(Report(true, nextQpn++));
        }

        // Installed = the switch's qp_field holds the 10 entries (read from the switch, not from the controller).
        P4.Config.V1.Table qpField = index.Table(EswNames.QpField);
        long deadline = Stopwatch.GetTimestamp() + 120 * Stopwatch.Frequency;
        while (embedded.Switch.State!.Tables[qpField.Preamble.Id].Count < 10)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Only {embedded.Switch.State.Tables[qpField.Preamble.Id].Count} of 10 valid registrations (QPNs from {firstValid}) were installed after the flood; the switch dropped {embedded.Runtime.PacketInDrops} packet-ins (stream queue full).");
            }

            maxRss = Math.Max(maxRss, child.Memory().Rss);
            await Task.Delay(20, ct);
        }

        double floodSeconds = floodClock.Elapsed.TotalSeconds;
        (long endRss, long peakRss) = child.Memory();
        double endHeap = await child.MetricAsync("themis_controller_gc_heap_bytes", ct) ?? 0;
        double pairs = await child.MetricAsync("themis_controller_handshake_pairs", ct) ?? 0;
        return $"flood ({flood} digests + {flood / 4} malformed daemon packets, {floodSeconds:F1} s until the 10 valid registrations were on the switch):\n"
            + $"  controller process: resident {idleRss / 1e6:F0} MB idle -> {endRss / 1e6:F0} MB after, peak {peakRss / 1e6:F0} MB (VmHWM; sampled max {maxRss / 1e6:F0} MB); managed heap {idleHeap / 1e6:F0} -> {endHeap / 1e6:F0} MB (sampled max {maxHeap / 1e6:F0} MB)\n"
            + $"  verified pairs held {pairs:F0} (hostPairCapacity bounds it); 10/10 valid registrations installed; {child.LogLines} log lines written\n"
            + $"  switch + benchmark process (for reference): resident {Environment.WorkingSet / 1e6:F0} MB; switch packet-in drops (stream queue full) {embedded.Runtime.PacketInDrops}";
    }
}

async Task<double[]> LatencyAsync(bool wire)
{
    double[] result = new double[samples];
    for (int i = 0; i < samples + 20; i++)
    {
        uint qpn = nextQpn++;
        int before = controller.Status.InstalledFlows;
        byte[] frame = Report(true, qpn);
        byte[] punted = Punted(frame);
        meters.Clear();
        long start = Stopwatch.GetTimestamp();
        if (wire)
        {
            Inject(frame);
        }
        else
        {
            await probe!.PuntAsync(punted);
        }

        await controller.WaitForAsync(s => s.InstalledFlows > before, TimeSpan.FromSeconds(10), ct);
        double us = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        if (i >= 20)
        {
            result[i - 20] = us;
            if (wire && probe is not null)
            {
                stages.Add((Stopwatch.GetElapsedTime(start, probe.LastAt).TotalMicroseconds, meters.Registration.Sum(), meters.Write.Sum(), us));
            }
        }

        Inject(Report(false, qpn));
        await controller.WaitForAsync(s => s.InstalledFlows == before, TimeSpan.FromSeconds(10), ct);
    }

    return result;
}

// The controller is primary and knows the host pair the registrations below use (the handshake digest).
async Task StartedAsync()
{
    await controller.WaitForAsync(s => s.Role == ControllerRole.Primary, TimeSpan.FromSeconds(30), ct);
    if (host is not null)
    {
        host.Switch.DigestHandler!(new DigestSample(digestId, Pair(0x0A000101, 0x0A020101, 1)));
    }
    else
    {
        await external!.HandshakeAsync(hostA, remote, 4791, ct);
    }

    await controller.WaitForAsync(s => s.VerifiedPairs == 1, TimeSpan.FromSeconds(10), ct);
}

async Task<Sustained> SustainedAsync(bool wire)
{
    uint first = nextQpn;
    nextQpn += (uint)flows;
    byte[][] frames = [.. Enumerable.Range(0, flows).Select(i => Report(true, first + (uint)i))];
    byte[][] punted = [.. frames.Select(Punted)];
    meters.Clear();
    long start = Stopwatch.GetTimestamp();
    for (int i = 0; i < flows; i++)
    {
        if (wire)
        {
            Inject(frames[i]);
        }
        else
        {
            await probe!.PuntAsync(punted[i]);
        }
    }

    await controller.WaitForAsync(s => s.InstalledFlows == flows, TimeSpan.FromSeconds(120), ct);
    var result = new Sustained(flows / Stopwatch.GetElapsedTime(start).TotalSeconds, meters.BatchSizes.Count, meters.BatchSizes.IsEmpty ? 0 : meters.BatchSizes.Average(), meters.Write.IsEmpty ? 0 : meters.Write.Average());
    for (int i = 0; i < flows; i++)
    {
        Inject(Report(false, first + (uint)i));
    }

    await controller.WaitForAsync(s => s.InstalledFlows == 0, TimeSpan.FromSeconds(120), ct);
    return result;
}

// `flows` INSERTs in Writes of 256 (timed), then their DELETEs (not timed).
async Task<double> RawBatchedAsync(P4RuntimeClient raw)
{
    List<Update> batch = [.. Enumerable.Range(0, flows).Select(i => P4Entities.Insert(program.QpFieldEntry(new QpKey(0x0A000101, 0x0A020101, (uint)(0x2000 + i)), 0x11, i % 1024)))];
    long batchStart = Stopwatch.GetTimestamp();
    for (int i = 0; i < batch.Count; i += 256)
    {
        await raw.WriteAsync(batch.Skip(i).Take(256), WriteRequest.Types.Atomicity.ContinueOnError, ct);
    }

    double rate = flows / Stopwatch.GetElapsedTime(batchStart).TotalSeconds;
    for (int i = 0; i < batch.Count; i += 256)
    {
        await raw.WriteAsync(batch.Skip(i).Take(256).Select(u => P4Entities.Delete(u.Entity)), WriteRequest.Types.Atomicity.ContinueOnError, ct);
    }

    return rate;
}

// Punted daemon frames handed to the switch's packet-in path back to back, read by the bare client.
async Task<double> DeliveryAsync(P4RuntimeClient raw, int count)
{
    byte[][] punts = [.. Enumerable.Range(0, count).Select(i => Punted(Report(true, (uint)(0x9000 + (i % flows)))))];
    long deliveryStart = Stopwatch.GetTimestamp();
    Task<int> reading = CountPacketInsAsync(raw, count, ct);
    foreach (byte[] punt in punts)
    {
        await probe!.PuntAsync(punt);
    }

    await reading.WaitAsync(TimeSpan.FromSeconds(60), ct);
    return count / Stopwatch.GetElapsedTime(deliveryStart).TotalSeconds;
}

// The switch's raw rates: `rounds` batched-insert rounds, then a few delivery rounds (each is long already).
async Task SwitchAloneRoundsAsync(P4RuntimeClient raw)
{
    for (int r = 0; r < rounds; r++)
    {
        rawRates.Add(await RawBatchedAsync(raw));
    }

    for (int r = 0; r < 3 && host is not null; r++)
    {
        deliveryRates.Add(await DeliveryAsync(raw, deliveries));
    }
}

string Describe(List<Sustained> runs, double? switchWork)
{
    double rate = Overall([.. runs.Select(x => x.Rate)]);
    return $"{Spread([.. runs.Select(x => x.Rate)])} registrations/s = {rate / rawRate:P0} of batched inserts, "
        + (switchWork is { } work ? $"{rate / work:P0} of the switch's work for them; " : "")
        + $"{runs.Average(x => x.Writes):F1} Writes of {runs.Average(x => x.BatchSize):F0} updates on average, {runs.Average(x => x.WriteMicros):F0} us each";
}

static async Task<int> CountPacketInsAsync(P4RuntimeClient client, int count, CancellationToken cancellationToken)
{
    int seen = 0;
    await foreach (PacketIn _ in client.ReadPacketInsAsync(cancellationToken))
    {
        if (++seen == count)
        {
            break;
        }
    }

    return seen;
}

// What the ESW's egress sends to the CPU port for a daemon packet from DC port 1: packet_in header, then the frame.
static byte[] Punted(byte[] frame)
{
    byte[] bytes = new byte[PacketInHeader.Size + frame.Length];
    new PacketInHeader(1, PuntReason.DaemonPacket, 0, 0, 0, 0).WriteTo(bytes);
    frame.CopyTo(bytes, PacketInHeader.Size);
    return bytes;
}

// Rounds are equal in size, so the rate over all of them (total count / total time) is the harmonic mean. A round
// takes milliseconds, a GC pause about as long; the overall rate spreads the pauses, which are the switch's and
// the controller's real cost, over the work.
static double Overall(List<double> rates) => rates.Count / rates.Sum(r => 1 / r);

static string Spread(List<double> rates) => $"{Overall(rates):F0} ({rates.Min():F0}-{rates.Max():F0})";

static double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static P4Data Pair(uint local, uint remoteIp, uint pairIndex)
{
    var data = new P4Data { Struct = new P4StructLike() };
    foreach (uint v in new[] { local, remoteIp, pairIndex })
    {
        data.Struct.Members.Add(new P4Data { Bitstring = Google.Protobuf.ByteString.CopyFrom([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]) });
    }

    return data;
}

internal readonly record struct Sustained(double Rate, int Writes, double BatchSize, double WriteMicros);
