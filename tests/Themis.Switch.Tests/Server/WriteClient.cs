using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Themis.Switch.Engine;
using Themis.Switch.Server;
using V1 = P4.V1;

namespace Themis.Switch.Tests.Server;

/// <summary>A switch serving P4Runtime on an ephemeral port, a client that is primary, and update builders over <see cref="TestP4Info"/>.</summary>
internal sealed class WriteClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly GrpcChannel _channel;
    private readonly AsyncDuplexStreamingCall<V1.StreamMessageRequest, V1.StreamMessageResponse> _stream;

    private WriteClient(SwitchHost host, GrpcChannel channel, V1.P4Runtime.P4RuntimeClient client, AsyncDuplexStreamingCall<V1.StreamMessageRequest, V1.StreamMessageResponse> stream)
    {
        Host = host;
        _channel = channel;
        Client = client;
        _stream = stream;
    }

    public SwitchHost Host { get; }

    public V1.P4Runtime.P4RuntimeClient Client { get; }

    public static V1.Uint128 ElectionId { get; } = new() { High = 0, Low = 1 };

    public static async Task<WriteClient> StartAsync(bool strict = false)
    {
        SwitchHost host = await SwitchHost.StartAsync(new SwitchOptions { CpuPort = 255 }, new ServerOptions { Address = "127.0.0.1:0", StrictBmv2 = strict });
        var channel = GrpcChannel.ForAddress(host.Address);
        var client = new V1.P4Runtime.P4RuntimeClient(channel);
        var stream = client.StreamChannel();
        await stream.RequestStream.WriteAsync(new V1.StreamMessageRequest { Arbitration = new V1.MasterArbitrationUpdate { DeviceId = 0, ElectionId = ElectionId } });
        using var cts = new CancellationTokenSource(Timeout);
        Assert.That(await stream.ResponseStream.MoveNext(cts.Token), Is.True, "arbitration answer");
        Assert.That(stream.ResponseStream.Current.Arbitration.Status.Code, Is.Zero, "this client should be primary");
        var result = new WriteClient(host, channel, client, stream);
        await result.SetPipelineAsync(V1.SetForwardingPipelineConfigRequest.Types.Action.VerifyAndCommit, TestP4Info.Build());
        return result;
    }

    public async Task SetPipelineAsync(V1.SetForwardingPipelineConfigRequest.Types.Action action, global::P4.Config.V1.P4Info p4Info) =>
        await Client.SetForwardingPipelineConfigAsync(new V1.SetForwardingPipelineConfigRequest
        {
            ElectionId = ElectionId,
            Action = action,
            Config = new V1.ForwardingPipelineConfig { P4Info = p4Info },
        }, deadline: DateTime.UtcNow + Timeout);

    public async Task WriteAsync(V1.WriteRequest.Types.Atomicity atomicity, params V1.Update[] updates)
    {
        var request = new V1.WriteRequest { ElectionId = ElectionId, Atomicity = atomicity };
        request.Updates.AddRange(updates);
        await Client.WriteAsync(request, deadline: DateTime.UtcNow + Timeout);
    }

    public async Task<List<V1.Entity>> ReadAsync(V1.Entity filter)
    {
        using var call = Client.Read(new V1.ReadRequest { Entities = { filter } }, deadline: DateTime.UtcNow + Timeout);
        var result = new List<V1.Entity>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            result.AddRange(call.ResponseStream.Current.Entities);
        }

        return result;
    }

    public static List<V1.Error> Errors(RpcException e)
    {
        byte[] details = e.Trailers.GetValueBytes("grpc-status-details-bin") ?? throw new AssertionException("No error details in the trailers.");
        return [.. Google.Rpc.Status.Parser.ParseFrom(details).Details.Select(a => a.Unpack<V1.Error>())];
    }

    public static V1.Update Route(V1.Update.Types.Type type, uint dst, uint port)
    {
        var entry = new V1.TableEntry
        {
            TableId = TestP4Info.Exact,
            Match = { new V1.FieldMatch { FieldId = 1, Exact = new V1.FieldMatch.Types.Exact { Value = ByteString.CopyFrom((byte)(dst >> 24), (byte)(dst >> 16), (byte)(dst >> 8), (byte)dst) } } },
        };
        if (type != V1.Update.Types.Type.Delete)
        {
            entry.Action = new V1.TableAction { Action = new V1.Action { ActionId = TestP4Info.Forward, Params = { new V1.Action.Types.Param { ParamId = 1, Value = ByteString.CopyFrom((byte)(port >> 8), (byte)port) } } } };
        }

        return new V1.Update { Type = type, Entity = new V1.Entity { TableEntry = entry } };
    }

    public static V1.Update Register(int index, byte value) => new()
    {
        Type = V1.Update.Types.Type.Modify,
        Entity = new V1.Entity { RegisterEntry = new V1.RegisterEntry { RegisterId = TestP4Info.Register, Index = new V1.Index { Index_ = index }, Data = new V1.P4Data { Bitstring = ByteString.CopyFrom(value) } } },
    };

    public static V1.Update Counter(int index, long packets) => new()
    {
        Type = V1.Update.Types.Type.Modify,
        Entity = new V1.Entity { CounterEntry = new V1.CounterEntry { CounterId = TestP4Info.Counter, Index = new V1.Index { Index_ = index }, Data = new V1.CounterData { PacketCount = packets, ByteCount = packets * 100 } } },
    };

    public static V1.Update Group(V1.Update.Types.Type type, uint id, params uint[] ports)
    {
        var group = new V1.MulticastGroupEntry { MulticastGroupId = id };
        foreach (uint port in ports)
        {
            group.Replicas.Add(new V1.Replica { Port = ByteString.CopyFrom((byte)port), Instance = 1 });
        }

        return new V1.Update { Type = type, Entity = new V1.Entity { PacketReplicationEngineEntry = new V1.PacketReplicationEngineEntry { MulticastGroupEntry = group } } };
    }

    public static V1.Update Digest(V1.Update.Types.Type type) => new()
    {
        Type = type,
        Entity = new V1.Entity { DigestEntry = new V1.DigestEntry { DigestId = TestP4Info.Digest, Config = new V1.DigestEntry.Types.Config { MaxListSize = 1, MaxTimeoutNs = 1_000_000 } } },
    };

    public async ValueTask DisposeAsync()
    {
        _stream.Dispose();
        _channel.Dispose();
        await Host.DisposeAsync();
    }
}
