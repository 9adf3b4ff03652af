using Google.Protobuf;
using Grpc.Net.Client;
using P4.Config.V1;
using Themis.P4.P4Info;
using Themis.Switch.Engine;
using Themis.Switch.Pipeline;
using Themis.Switch.Ports;
using Themis.Switch.Server;
using V1 = P4.V1;

namespace Themis.Switch.Tests.Packets.Support;

/// <summary>
/// A switch running one test program from the data folder, with in-memory ports and a P4Runtime
/// client over a real socket. <see cref="StartAsync"/> loads the program either directly or the way a
/// controller does (SetForwardingPipelineConfig with the P4 source as device config).
/// </summary>
internal sealed class ProgramHost : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    public const uint CpuPort = 255;

    private readonly GrpcChannel _channel;
    private readonly List<PacketTrace> _traces = [];

    private ProgramHost(SwitchHost host, P4Info p4Info, Dictionary<uint, InMemoryPort> ports)
    {
        Host = host;
        P4Info = p4Info;
        Ports = ports;
        _channel = GrpcChannel.ForAddress(host.Address);
        Client = new V1.P4Runtime.P4RuntimeClient(_channel);
        host.Switch.TraceHandler = t =>
        {
            lock (_traces)
            {
                _traces.Add(t);
            }
        };
    }

    public SwitchHost Host { get; }

    public P4Info P4Info { get; }

    public Dictionary<uint, InMemoryPort> Ports { get; }

    public V1.P4Runtime.P4RuntimeClient Client { get; }

    public IReadOnlyList<PacketTrace> Traces
    {
        get
        {
            lock (_traces)
            {
                return [.. _traces];
            }
        }
    }

    public static string DataFile(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "data", name);

    public static async Task<ProgramHost> StartAsync(string program, uint[] ports, bool viaGrpc = false, bool strict = true, SwitchOptions? options = null)
    {
        string path = DataFile(program);
        Themis.P4.CompilationResult compiled = Themis.P4.P4Compiler.Compile(path);
        Assert.That(compiled.Success, Is.True, () => string.Join("\n", compiled.Diagnostics));
        P4Info p4Info = P4InfoGenerator.Generate(compiled.Program!);
        SwitchHost host = await SwitchHost.StartAsync(
            options ?? new SwitchOptions { CpuPort = CpuPort, TracePackets = true },
            new ServerOptions { Address = "127.0.0.1:0", StrictBmv2 = strict });
        var map = ports.ToDictionary(p => p, p => host.Switch.AddInMemoryPort(p));
        var result = new ProgramHost(host, p4Info, map);
        if (viaGrpc)
        {
            await result.Client.SetForwardingPipelineConfigAsync(new V1.SetForwardingPipelineConfigRequest
            {
                Action = V1.SetForwardingPipelineConfigRequest.Types.Action.VerifyAndCommit,
                Config = new V1.ForwardingPipelineConfig { P4Info = p4Info, P4DeviceConfig = ByteString.CopyFromUtf8(await File.ReadAllTextAsync(path)) },
            }, deadline: DateTime.UtcNow + Timeout);
        }
        else
        {
            PipelineCompileResult r = new P4PipelineCompiler().CompileFile(path);
            Assert.That(r.Succeeded, Is.True, () => string.Join("\n", r.Errors));
            host.Runtime.Commit(r.Definition!);
        }

        return result;
    }

    public uint TableId(string name) => P4Info.Tables.Single(t => t.Preamble.Name == name).Preamble.Id;

    public uint ActionId(string name) => P4Info.Actions.Single(a => a.Preamble.Name == name).Preamble.Id;

    /// <summary>Election id sent with writes (set once a test opened a stream as primary).</summary>
    public V1.Uint128? ElectionId { get; set; }

    public async Task WriteAsync(params V1.Update[] updates)
    {
        var request = new V1.WriteRequest { DeviceId = 0, Atomicity = V1.WriteRequest.Types.Atomicity.ContinueOnError, ElectionId = ElectionId };
        request.Updates.AddRange(updates);
        await Client.WriteAsync(request, deadline: DateTime.UtcNow + Timeout);
    }

    /// <summary>A table entry INSERT: match fields by name (value, or value/mask for ternary, prefix for lpm) and an action with params in order.</summary>
    public V1.Update Entry(string table, IEnumerable<V1.FieldMatch> matches, string action, int priority = 0, params byte[][] parameters)
    {
        var entry = new V1.TableEntry { TableId = TableId(table), Priority = priority, Action = new V1.TableAction { Action = new V1.Action { ActionId = ActionId(action) } } };
        entry.Match.AddRange(matches);
        for (int i = 0; i < parameters.Length; i++)
        {
            entry.Action.Action.Params.Add(new V1.Action.Types.Param { ParamId = (uint)(i + 1), Value = ByteString.CopyFrom(parameters[i]) });
        }

        return new V1.Update { Type = V1.Update.Types.Type.Insert, Entity = new V1.Entity { TableEntry = entry } };
    }

    public static V1.FieldMatch Exact(uint id, params byte[] value) => new() { FieldId = id, Exact = new V1.FieldMatch.Types.Exact { Value = ByteString.CopyFrom(value) } };

    public static V1.FieldMatch Lpm(uint id, int prefix, params byte[] value) => new() { FieldId = id, Lpm = new V1.FieldMatch.Types.LPM { Value = ByteString.CopyFrom(value), PrefixLen = prefix } };

    public static V1.FieldMatch Ternary(uint id, byte[] value, byte[] mask) => new() { FieldId = id, Ternary = new V1.FieldMatch.Types.Ternary { Value = ByteString.CopyFrom(value), Mask = ByteString.CopyFrom(mask) } };

    public static V1.FieldMatch Range(uint id, byte[] low, byte[] high) => new() { FieldId = id, Range = new V1.FieldMatch.Types.Range { Low = ByteString.CopyFrom(low), High = ByteString.CopyFrom(high) } };

    /// <summary>Opens the stream channel and becomes primary with election id <paramref name="electionId"/>.</summary>
    public async Task<Grpc.Core.AsyncDuplexStreamingCall<V1.StreamMessageRequest, V1.StreamMessageResponse>> BecomePrimaryAsync(ulong electionId = 1)
    {
        var call = Client.StreamChannel();
        ElectionId = new V1.Uint128 { High = 0, Low = electionId };
        await call.RequestStream.WriteAsync(new V1.StreamMessageRequest { Arbitration = new V1.MasterArbitrationUpdate { DeviceId = 0, ElectionId = ElectionId } });
        V1.StreamMessageResponse response = await NextAsync(call, r => r.Arbitration is not null);
        Assert.That(response.Arbitration.Status.Code, Is.EqualTo(0), "this client should be primary");
        return call;
    }

    /// <summary>The next stream message matching <paramref name="predicate"/>, within the timeout.</summary>
    public static async Task<V1.StreamMessageResponse> NextAsync(Grpc.Core.AsyncDuplexStreamingCall<V1.StreamMessageRequest, V1.StreamMessageResponse> call, Func<V1.StreamMessageResponse, bool> predicate)
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (await call.ResponseStream.MoveNext(cts.Token))
        {
            if (predicate(call.ResponseStream.Current))
            {
                return call.ResponseStream.Current;
            }
        }

        throw new AssertionException("The stream ended before the expected message.");
    }

    public void Send(uint port, byte[] frame) => Ports[port].Inject(frame);

    /// <summary>
    /// Waits until the switch is idle, then checks that exactly <paramref name="expected"/> left the
    /// switch: per port, these frames in this order and nothing else on any port.
    /// </summary>
    public async Task ExpectAsync(params (uint Port, byte[] Frame)[] expected)
    {
        await Host.Switch.WaitIdleAsync(Timeout);
        foreach ((uint port, InMemoryPort p) in Ports)
        {
            var got = new List<byte[]>();
            while (p.TryReceive(out byte[] frame))
            {
                got.Add(frame);
            }

            byte[][] want = [.. expected.Where(e => e.Port == port).Select(e => e.Frame)];
            Assert.That(got.Select(Frames.Hex), Is.EqualTo(want.Select(Frames.Hex)), () => $"port {port}; traces:\n{string.Join("\n", Traces)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await Host.DisposeAsync();
    }
}
