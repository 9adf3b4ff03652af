using Google.Protobuf;
using Grpc.Net.Client;
using P4.Config.V1;
using P4.V1;
using Themis.Controller.Internal;
using Themis.P4Runtime.Info;
using Themis.Packets.SwitchInternal;
using Themis.Switch.Engine;
using Themis.Switch.Pipeline;
using Themis.Switch.Ports;
using Themis.Switch.Server;

namespace Themis.Controller.Tests.Support;

/// <summary>
/// The embedded switch in strict BMv2 mode on a real loopback socket, with the ESW's ports (DC 1 and 2, WAN 3,
/// loop 4), and the shipped controller config pointed at it. <c>executeProgram: false</c> runs the switch
/// control-plane only (every packet dropped); tests then play the data plane's CPU path through the switch's
/// own hooks (<see cref="InjectPacketInAsync"/>, <see cref="InjectDigest"/>), so strict-mode rules (a digest
/// needs its DigestEntry) still apply.
/// </summary>
internal sealed class EswBench : IAsyncDisposable
{
    public const uint HostA = 0x0A000101; // 10.0.1.1, has a key in config/esw.json
    public const uint HostB = 0x0A000102; // 10.0.1.2
    public const uint RemoteHost = 0x0A020101; // 10.2.1.1, across the WAN

    private readonly bool _executeProgram;
    private readonly ArbitrationMode _arbitration;
    private readonly List<RunningController> _controllers = [];
    private GrpcChannel? _channel;
    private int _port;

    private EswBench(bool executeProgram, ArbitrationMode arbitration)
    {
        _executeProgram = executeProgram;
        _arbitration = arbitration;
        Pipeline = PipelineSource.Load(Config(1).Pipeline);
        Index = P4InfoIndex.FromP4Info(Pipeline.P4Info);
    }

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string P4Path => Path.Combine(RepoRoot, "p4", "v1model", "themis_esw.p4");

    public static string ShippedConfigPath => Path.Combine(RepoRoot, "config", "esw.json");

    public TestLog Log { get; } = new();

    public SwitchHost Host { get; private set; } = null!;

    public PipelineSource Pipeline { get; }

    public P4InfoIndex Index { get; }

    public static async Task<EswBench> StartAsync(bool executeProgram, ArbitrationMode arbitration = ArbitrationMode.Spec, CancellationToken cancellationToken = default)
    {
        var bench = new EswBench(executeProgram, arbitration);
        await bench.StartSwitchAsync(cancellationToken);
        return bench;
    }

    /// <summary>The shipped config with the test's switch, a quick reconnect and no HTTP endpoint, plus <paramref name="overrides"/>.</summary>
    public ControllerConfig Config(ulong electionId, params string[] overrides)
    {
        string[] all =
        [
            $"switch.address={(Host is null ? "http://127.0.0.1:1" : Host.Address.ToString())}", $"switch.electionId={electionId}",
            $"pipeline.deviceConfig={P4Path}", "http.enabled=false",
            "timers.reconnectInitialDelay=\"20ms\"", "timers.reconnectMaxDelay=\"200ms\"", .. overrides,
        ];
        return ControllerConfigLoader.Load(ShippedConfigPath, all);
    }

    /// <summary>Starts a controller (stopped and disposed with the bench).</summary>
    public RunningController Start(ulong electionId, params string[] overrides)
    {
        var controller = new RunningController(new EswController(Config(electionId, overrides), Log));
        _controllers.Add(controller);
        return controller;
    }

    /// <summary>Stops the switch (streams dropped, state lost) and starts a fresh one on the same address.</summary>
    public async Task RestartSwitchAsync(CancellationToken cancellationToken)
    {
        _channel?.Dispose();
        _channel = null;
        await Host.DisposeAsync();
        await StartSwitchAsync(cancellationToken);
    }

    /// <summary>Reads entities over P4Runtime without a stream (no election id: the read does not disturb arbitration).</summary>
    public async Task<List<Entity>> ReadAsync(Entity filter, CancellationToken cancellationToken)
    {
        _channel ??= GrpcChannel.ForAddress(Host.Address);
        var client = new global::P4.V1.P4Runtime.P4RuntimeClient(_channel);
        var request = new ReadRequest { DeviceId = 0 };
        request.Entities.Add(filter);
        using var call = client.Read(request, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken);
        var result = new List<Entity>();
        while (await call.ResponseStream.MoveNext(cancellationToken))
        {
            result.AddRange(call.ResponseStream.Current.Entities);
        }

        return result;
    }

    public async Task<List<TableEntry>> ReadTableAsync(string table, CancellationToken cancellationToken) =>
        [.. (await ReadAsync(new Entity { TableEntry = new TableEntry { TableId = Index.Table(table).Preamble.Id } }, cancellationToken)).Select(e => e.TableEntry)];

    /// <summary>What the ESW's egress would send to the CPU port: the packet_in header, then the frame.</summary>
    public async Task InjectPacketInAsync(PacketInHeader header, byte[] frame)
    {
        byte[] bytes = new byte[PacketInHeader.Size + frame.Length];
        header.WriteTo(bytes);
        frame.CopyTo(bytes, PacketInHeader.Size);
        await Host.Switch.CpuPortHandler!(bytes);
    }

    /// <summary>What the ESW's handshake monitor emits for a verified pair.</summary>
    public void InjectDigest(uint local, uint remote, uint pairIndex)
    {
        var data = new P4Data { Struct = new P4StructLike() };
        data.Struct.Members.Add(Bits(local));
        data.Struct.Members.Add(Bits(remote));
        data.Struct.Members.Add(Bits(pairIndex));
        Host.Switch.DigestHandler!(new DigestSample(Index.Digest(EswNames.HandshakeDigest).Preamble.Id, data));
    }

    public static byte[] DaemonFrame(uint source, bool create, ulong sequence, uint localQpn, uint remoteQpn = 0, uint remoteIp = RemoteHost, byte[]? key = null)
    {
        key ??= KeyOf(source);
        var message = new Themis.Packets.Daemon.DaemonMessage(
            Themis.Packets.Daemon.DaemonFormat.V1,
            create ? Themis.Packets.Daemon.DaemonEvent.QpReady : Themis.Packets.Daemon.DaemonEvent.QpDestroyed,
            sequence,
            (ulong)(DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100,
            new Themis.Packets.IPv4.IPv4Address(create ? remoteIp : 0),
            localQpn,
            create ? remoteQpn : 0,
            source,
            false);
        byte[] payload = new byte[Themis.Packets.Daemon.DaemonPacketCodec.V1AuthenticatedSize];
        int length = Themis.Packets.Daemon.DaemonPacketCodec.EncodeV1(message, payload, source, key);
        return UdpFrames.Build(
            Themis.Packets.Ethernet.MacAddress.Parse("02:00:0a:00:01:01"), Themis.Packets.Ethernet.MacAddress.Parse("02:00:00:00:00:fe"),
            source, 0x0A0000FE, 40000, 12345, payload.AsSpan(0, length));
    }

    /// <summary>The demo key config/esw.json gives <paramref name="host"/>.</summary>
    public static byte[] KeyOf(uint host) => host switch
    {
        HostA => Convert.FromHexString("5468656d69732064656d6f206b657920666f7220686f73742031"),
        HostB => Convert.FromHexString("5468656d69732064656d6f206b657920666f7220686f73742032"),
        _ => new byte[26],
    };

    /// <summary>Stops the bench after a test; when the test did not pass, writes the log first (the switch's and the controllers').</summary>
    public async Task EndTestAsync()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status != NUnit.Framework.Interfaces.TestStatus.Passed)
        {
            Log.Dump(TestContext.Out);
        }

        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (RunningController controller in _controllers)
        {
            await controller.DisposeAsync();
        }

        _channel?.Dispose();
        await Host.DisposeAsync();
    }

    private async Task StartSwitchAsync(CancellationToken cancellationToken)
    {
        IPipelineCompiler compiler = _executeProgram ? new P4PipelineCompiler() : new ControlPlaneOnlyCompiler();
        Host = await SwitchHost.StartAsync(
            new SwitchOptions { CpuPort = 255 },
            new ServerOptions { Address = $"127.0.0.1:{_port}", StrictBmv2 = true, Arbitration = _arbitration, IdleScanInterval = TimeSpan.FromMilliseconds(20) },
            compiler,
            Log,
            cancellationToken: cancellationToken);
        _port = Host.Address.Port;
        foreach (uint port in new uint[] { 1, 2, 3 })
        {
            Host.Switch.AddInMemoryPort(port);
        }
    }

    private static P4Data Bits(uint value)
    {
        byte[] bytes = [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
        int skip = 0;
        while (skip < 3 && bytes[skip] == 0)
        {
            skip++;
        }

        return new P4Data { Bitstring = ByteString.CopyFrom(bytes, skip, 4 - skip) };
    }

    private static string FindRepoRoot()
    {
        string root = TestContext.CurrentContext.TestDirectory;
        while (!File.Exists(Path.Combine(root, "Themis.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("The repository root (Themis.sln) was not found above the test directory.");
        }

        return root;
    }
}
