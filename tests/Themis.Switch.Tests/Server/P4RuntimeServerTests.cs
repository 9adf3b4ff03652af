using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Themis.Switch.Engine;
using Themis.Switch.Pipeline;
using Themis.Switch.Ports;
using Themis.Switch.Server;
using V1 = P4.V1;

namespace Themis.Switch.Tests.Server;

/// <summary>The P4Runtime server over a real socket on 127.0.0.1 with an ephemeral port.</summary>
[Category("Integration")]
public sealed class P4RuntimeServerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static async Task<SwitchHost> StartAsync(bool strict = false, ArbitrationMode mode = ArbitrationMode.Spec) =>
        await SwitchHost.StartAsync(new SwitchOptions { CpuPort = 255 }, new ServerOptions { Address = "127.0.0.1:0", StrictBmv2 = strict, Arbitration = mode });

    private static V1.P4Runtime.P4RuntimeClient Client(SwitchHost host, out GrpcChannel channel)
    {
        channel = GrpcChannel.ForAddress(host.Address);
        return new V1.P4Runtime.P4RuntimeClient(channel);
    }

    private static V1.Uint128 Id(ulong low) => new() { High = 0, Low = low };

    private static async Task<AsyncDuplexStreamingCall<V1.StreamMessageRequest, V1.StreamMessageResponse>> ArbitrateAsync(V1.P4Runtime.P4RuntimeClient client, ulong electionId, int expectedCode)
    {
        var call = client.StreamChannel();
        await call.RequestStream.WriteAsync(new V1.StreamMessageRequest { Arbitration = new V1.MasterArbitrationUpdate { DeviceId = 0, ElectionId = Id(electionId) } });
        V1.StreamMessageResponse response = await NextAsync(call, r => r.Arbitration is not null);
        Assert.That(response.Arbitration.Status.Code, Is.EqualTo(expectedCode));
        return call;
    }

    private static async Task<V1.StreamMessageResponse> NextAsync(AsyncDuplexStreamingCall<V1.StreamMessageRequest, V1.StreamMessageResponse> call, Func<V1.StreamMessageResponse, bool> predicate)
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

    private static async Task SetPipelineAsync(V1.P4Runtime.P4RuntimeClient client, ulong electionId, global::P4.Config.V1.P4Info? p4Info = null)
    {
        await client.SetForwardingPipelineConfigAsync(new V1.SetForwardingPipelineConfigRequest
        {
            ElectionId = Id(electionId),
            Action = V1.SetForwardingPipelineConfigRequest.Types.Action.VerifyAndCommit,
            Config = new V1.ForwardingPipelineConfig { P4Info = p4Info ?? TestP4Info.Build(), Cookie = new V1.ForwardingPipelineConfig.Types.Cookie { Cookie_ = 7 } },
        });
    }

    private static V1.Update Insert(uint dst, uint port, V1.Update.Types.Type type = V1.Update.Types.Type.Insert) => new()
    {
        Type = type,
        Entity = new V1.Entity
        {
            TableEntry = new V1.TableEntry
            {
                TableId = TestP4Info.Exact,
                Match = { new V1.FieldMatch { FieldId = 1, Exact = new V1.FieldMatch.Types.Exact { Value = ByteString.CopyFrom(BitConverter.GetBytes(dst).Reverse().ToArray()) } } },
                Action = new V1.TableAction { Action = new V1.Action { ActionId = TestP4Info.Forward, Params = { new V1.Action.Types.Param { ParamId = 1, Value = ByteString.CopyFrom((byte)(port >> 8), (byte)port) } } } },
            },
        },
    };

    private static List<V1.Error> Errors(RpcException e)
    {
        byte[] details = e.Trailers.GetValueBytes("grpc-status-details-bin") ?? throw new AssertionException("No error details in the trailers.");
        return [.. Google.Rpc.Status.Parser.ParseFrom(details).Details.Select(a => a.Unpack<V1.Error>())];
    }

    [Test]
    public async Task Capabilities_Always_ReturnsApiVersion()
    {
        await using SwitchHost host = await StartAsync();
        V1.P4Runtime.P4RuntimeClient client = Client(host, out GrpcChannel channel);
        using (channel)
        {
            V1.CapabilitiesResponse response = await client.CapabilitiesAsync(new V1.CapabilitiesRequest());
            Assert.That(response.P4RuntimeApiVersion, Is.EqualTo(P4RuntimeService.ApiVersion));
        }
    }

    [Test]
    public async Task Write_NoPipeline_IsFailedPrecondition()
    {
        await using SwitchHost host = await StartAsync();
        V1.P4Runtime.P4RuntimeClient client = Client(host, out GrpcChannel channel);
        using (channel)
        {
            var e = Assert.ThrowsAsync<RpcException>(async () => await client.WriteAsync(new V1.WriteRequest { Updates = { Insert(1, 1) } }));
            Assert.That(e!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        }
    }

    [Test]
    public async Task Arbitration_TwoClients_HigherIsPrimaryAndBackupWriteIsDenied()
    {
        await using SwitchHost host = await StartAsync();
        V1.P4Runtime.P4RuntimeClient client = Client(host, out GrpcChannel channel);
        using (channel)
        {
            using var low = await ArbitrateAsync(client, 1, (int)Code.Ok);
            using var high = await ArbitrateAsync(client, 2, (int)Code.Ok);
            V1.StreamMessageResponse demoted = await NextAsync(low, r => r.Arbitration is not null);
            Assert.That(demoted.Arbitration.Status.Code, Is.EqualTo((int)Code.AlreadyExists));
            await SetPipelineAsync(client, 2);
            var e = Assert.ThrowsAsync<RpcException>(async () => await client.WriteAsync(new V1.WriteRequest { ElectionId = Id(1), Updates = { Insert(1, 1) } }));
            Assert.That(e!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        }
    }

    // Spec: the highest election id ever seen stays the bar, so the backup hears NOT_FOUND (no primary).
    // PI (pi_server.cpp): the highest connected id is promoted, so the backup hears OK.
    [TestCase(ArbitrationMode.Spec, Code.NotFound)]
    [TestCase(ArbitrationMode.Pi, Code.Ok)]
    public async Task Arbitration_PrimaryLeaves_BackupToldPerArbitrationMode(ArbitrationMode mode, Code expected)
    {
        await using SwitchHost host = await StartAsync(mode: mode);
        V1.P4Runtime.P4RuntimeClient client = Client(host, out GrpcChannel channel);
        using (channel)
        {
            using var low = await ArbitrateAsync(client, 1, (int)Code.Ok);
            var high = await ArbitrateAsync(client, 5, (int)Code.Ok);
            await NextAsync(low, r => r.Arbitration is not null);
            await high.RequestStream.CompleteAsync();
            high.Dispose();
            V1.StreamMessageResponse update = await NextAsync(low, r => r.Arbitration is not null);
            Assert.That(update.Arbitration.Status.Code, Is.EqualTo((int)expected));
        }
    }

    [Test]
    public async Task Write_BatchWithDuplicateAndFullTable_ReportsEachUpdate()
    {
        await using SwitchHost host = await StartAsync();
        V1.P4Runtime.P4RuntimeClient client = Client(host, out GrpcChannel channel);
        using (channel)
        {
            using var stream = await ArbitrateAsync(client, 1, (int)Code.Ok);
            await SetPipelineAsync(client, 1, TestP4Info.Build(exactSize: 2));
            var request = new V1.WriteRequest { ElectionId = Id(1), Updates = { Insert(1, 1), Insert(1, 2), Insert(2, 2), Insert(3, 3), Insert(9, 1, V1.Update.Types.Type.Delete) } };
            var e = Assert.ThrowsAsync<RpcException>(async () => await client.WriteAsync(request));
            List<V1.Error> errors = Errors(e!);
            Assert.That(errors.Select(x => x.CanonicalCode), Is.EqualTo(new[] { (int)Code.Ok, (int)Code.AlreadyExists, (int)Code.Ok, (int)Code.ResourceExhausted, (int)Code.NotFound }));

            var call = client.Read(new V1.ReadRequest { Entities = { new V1.Entity { TableEntry = new V1.TableEntry { TableId = TestP4Info.Exact } } } });
            Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);
            var entries = call.ResponseStream.Current.Entities.Select(x => x.TableEntry).ToList();
            Assert.That(entries, Has.Count.EqualTo(2));
            // Canonical bytestrings: 0.0.0.1 reads back as one byte, port 1 as one byte.
            Assert.That(entries[0].Match[0].Exact.Value.ToByteArray(), Is.EqualTo(new byte[] { 1 }));
            Assert.That(entries[0].Action.Action.Params[0].Value.ToByteArray(), Is.EqualTo(new byte[] { 1 }));
        }
    }

    [Test]
    public async Task Write_InvalidEntries_AreInvalidArgumentAndChangeNothing()
    {
        await using SwitchHost host = await StartAsync();
        V1.P4Runtime.P4RuntimeClient client = Client(host, out GrpcChannel channel);
        using (channel)
        {
            using var stream = await ArbitrateAsync(client, 1, (int)Code.Ok);
            await SetPipelineAsync(client, 1);
            V1.Update tooWide = Insert(1, 600);
            V1.Update noParam = Insert(2, 1);
            noParam.Entity.TableEntry.Action.Action.Params.Clear();
            V1.Update defaultOnly = Insert(3, 1);
            defaultOnly.Entity.TableEntry.Action = new V1.TableAction { Action = new V1.Action { ActionId = TestP4Info.NoAction } };
            V1.Update noPriority = new() { Type = V1.Update.Types.Type.Insert, Entity = new V1.Entity { TableEntry = new V1.TableEntry { TableId = TestP4Info.Acl, Match = { new V1.FieldMatch { FieldId = 1, Ternary = new V1.FieldMatch.Types.Ternary { Value = ByteString.CopyFrom(6), Mask = ByteString.CopyFrom(0xFF) } } }, Action = new V1.TableAction { Action = new V1.Action { ActionId = TestP4Info.Drop } } } } };
            V1.Update badTable = Insert(4, 1);
            badTable.Entity.TableEntry.TableId = 0x02000099;
            var e = Assert.ThrowsAsync<RpcException>(async () => await client.WriteAsync(new V1.WriteRequest { ElectionId = Id(1), Updates = { tooWide, noParam, defaultOnly, noPriority, badTable } }));
            List<V1.Error> errors = Errors(e!);
            Assert.That(errors.Take(4).Select(x => x.CanonicalCode), Is.All.EqualTo((int)Code.InvalidArgument));
            Assert.That(errors[4].CanonicalCode, Is.EqualTo((int)Code.NotFound));
            Assert.That(host.Switch.State!.Tables[TestP4Info.Exact].Count, Is.Zero);
            Assert.That(host.Switch.State!.Tables[TestP4Info.Acl].Count, Is.Zero);
        }
    }

    [Test]
    public async Task Register_StrictMode_IsUnimplementedLikePi()
    {
        await using SwitchHost host = await StartAsync(strict: true);
        V1.P4Runtime.P4RuntimeClient client = Client(host, out GrpcChannel channel);
        using (channel)
        {
            using var stream = await ArbitrateAsync(client, 1, (int)Code.Ok);
            await SetPipelineAsync(client, 1);
            var write = new V1.WriteRequest { ElectionId = Id(1), Updates = { new V1.Update { Type = V1.Update.Types.Type.Modify, Entity = new V1.Entity { RegisterEntry = new V1.RegisterEntry { RegisterId = TestP4Info.Register, Index = new V1.Index { Index_ = 0 }, Data = new V1.P4Data { Bitstring = ByteString.CopyFrom(1) } } } } } };
            var e = Assert.ThrowsAsync<RpcException>(async () => await client.WriteAsync(write));
            Assert.That(Errors(e!)[0].CanonicalCode, Is.EqualTo((int)Code.Unimplemented));
            var read = client.Read(new V1.ReadRequest { Entities = { new V1.Entity { RegisterEntry = new V1.RegisterEntry { RegisterId = TestP4Info.Register } } } });
            var re = Assert.ThrowsAsync<RpcException>(async () => await read.ResponseStream.MoveNext(CancellationToken.None));
            Assert.That(re!.StatusCode, Is.EqualTo(StatusCode.Unimplemented));
            write.Atomicity = V1.WriteRequest.Types.Atomicity.RollbackOnError;
            var ae = Assert.ThrowsAsync<RpcException>(async () => await client.WriteAsync(write));
            Assert.That(ae!.StatusCode, Is.EqualTo(StatusCode.Unimplemented));
        }
    }

    [Test]
    public async Task Register_SpecMode_WriteThenReadCanonical()
    {
        await using SwitchHost host = await StartAsync();
        V1.P4Runtime.P4RuntimeClient client = Client(host, out GrpcChannel channel);
        using (channel)
        {
            using var stream = await ArbitrateAsync(client, 1, (int)Code.Ok);
            await SetPipelineAsync(client, 1);
            await client.WriteAsync(new V1.WriteRequest { ElectionId = Id(1), Updates = { new V1.Update { Type = V1.Update.Types.Type.Modify, Entity = new V1.Entity { RegisterEntry = new V1.RegisterEntry { RegisterId = TestP4Info.Register, Index = new V1.Index { Index_ = 2 }, Data = new V1.P4Data { Bitstring = ByteString.CopyFrom(0, 0, 0x12, 0x34) } } } } } });
            var read = client.Read(new V1.ReadRequest { Entities = { new V1.Entity { RegisterEntry = new V1.RegisterEntry { RegisterId = TestP4Info.Register, Index = new V1.Index { Index_ = 2 } } } } });
            Assert.That(await read.ResponseStream.MoveNext(CancellationToken.None), Is.True);
            Assert.That(read.ResponseStream.Current.Entities[0].RegisterEntry.Data.Bitstring.ToByteArray(), Is.EqualTo(new byte[] { 0x12, 0x34 }));
        }
    }

    [Test]
    public async Task CloneSession_StrictModeTruncation_IsRefusedAsPi()
    {
        await using SwitchHost host = await StartAsync(strict: true);
        V1.P4Runtime.P4RuntimeClient client = Client(host, out GrpcChannel channel);
        using (channel)
        {
            using var stream = await ArbitrateAsync(client, 1, (int)Code.Ok);
            await SetPipelineAsync(client, 1);
            V1.Update Session(uint id, int length) => new() { Type = V1.Update.Types.Type.Insert, Entity = new V1.Entity { PacketReplicationEngineEntry = new V1.PacketReplicationEngineEntry { CloneSessionEntry = new V1.CloneSessionEntry { SessionId = id, PacketLengthBytes = length, Replicas = { new V1.Replica { Port = ByteString.CopyFrom(1), Instance = 1 } } } } } };
            var e = Assert.ThrowsAsync<RpcException>(async () => await client.WriteAsync(new V1.WriteRequest { ElectionId = Id(1), Updates = { Session(5, 64), Session(6, 0), Session(0, 0) } }));
            Assert.That(Errors(e!).Select(x => x.CanonicalCode), Is.EqualTo(new[] { (int)Code.Unknown, (int)Code.Ok, (int)Code.InvalidArgument }));
            Assert.That(host.Switch.Replication.Sessions.Select(s => s.SessionId), Is.EqualTo(new[] { 6u }));
        }
    }

    [Test]
    public async Task PacketOutAndIn_ThroughCpuPort_HeadersEncodedAsPi()
    {
        await using SwitchHost host = await StartAsync();
        InMemoryPort port3 = host.Switch.AddInMemoryPort(3);
        host.Runtime.Commit(new PipelineDefinition(TestP4Info.Build(), new ReflectorProgram(255), new Dictionary<uint, Themis.Switch.Runtime.Tables.ActionCall>(), ByteString.Empty));
        V1.P4Runtime.P4RuntimeClient client = Client(host, out GrpcChannel channel);
        using (channel)
        {
            using var stream = await ArbitrateAsync(client, 1, (int)Code.Ok);
            await stream.RequestStream.WriteAsync(new V1.StreamMessageRequest { Packet = new V1.PacketOut { Payload = ByteString.CopyFrom(0xAA, 0xBB), Metadata = { new V1.PacketMetadata { MetadataId = 1, Value = ByteString.CopyFrom(3) } } } });
            byte[]? sent = await port3.ReceiveAsync(Timeout);
            Assert.That(sent, Is.EqualTo(new byte[] { 0xAA, 0xBB }));

            port3.Inject([0x01, 0x02, 0x03]);
            V1.StreamMessageResponse packetIn = await NextAsync(stream, r => r.Packet is not null);
            Assert.That(packetIn.Packet.Payload.ToByteArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));
            Assert.That(packetIn.Packet.Metadata[0].MetadataId, Is.EqualTo(1u));
            Assert.That(packetIn.Packet.Metadata[0].Value.ToByteArray(), Is.EqualTo(new byte[] { 3 }));
        }
    }

    [Test]
    public async Task GetForwardingPipelineConfig_AfterSet_ReturnsP4InfoAndCookie()
    {
        await using SwitchHost host = await StartAsync();
        V1.P4Runtime.P4RuntimeClient client = Client(host, out GrpcChannel channel);
        using (channel)
        {
            using var stream = await ArbitrateAsync(client, 1, (int)Code.Ok);
            await SetPipelineAsync(client, 1);
            V1.GetForwardingPipelineConfigResponse response = await client.GetForwardingPipelineConfigAsync(new V1.GetForwardingPipelineConfigRequest());
            Assert.That(response.Config.Cookie.Cookie_, Is.EqualTo(7ul));
            Assert.That(response.Config.P4Info.Tables, Has.Count.EqualTo(2));
        }
    }
}
