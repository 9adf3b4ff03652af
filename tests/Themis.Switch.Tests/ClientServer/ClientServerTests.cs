using System.Net;
using Google.Protobuf;
using Grpc.Core;
using P4.V1;
using Themis.P4Runtime;
using Themis.P4Runtime.Entities;
using Themis.P4Runtime.Info;
using Themis.Switch.Engine;
using Themis.Switch.Pipeline;
using Themis.Switch.Ports;
using Themis.Switch.Server;
using Themis.Switch.Tests.Server;

namespace Themis.Switch.Tests.ClientServer;

/// <summary>
/// The P4RuntimeClient library against the embedded switch's P4Runtime server over a real
/// socket: arbitration and failover, batches with partial failure, reads, packet I/O, idle
/// timeouts and reconnection.
/// </summary>
[Category("Integration")]
public sealed class ClientServerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly List<P4RuntimeClient> _clients = [];
    private readonly List<SwitchHost> _hosts = [];

    [TearDown]
    public async Task DisposeAllAsync()
    {
        // Clients hang up first, so the switches have no open streams when they stop.
        foreach (P4RuntimeClient client in _clients)
        {
            await client.DisposeAsync();
        }

        foreach (SwitchHost host in _hosts)
        {
            await host.DisposeAsync();
        }

        _clients.Clear();
        _hosts.Clear();
    }

    private async Task<SwitchHost> StartSwitchAsync(ArbitrationMode mode = ArbitrationMode.Spec, string address = "127.0.0.1:0")
    {
        SwitchHost host = await SwitchHost.StartAsync(new SwitchOptions { CpuPort = 255 }, new ServerOptions { Address = address, Arbitration = mode });
        _hosts.Add(host);
        return host;
    }

    private async Task<P4RuntimeClient> ConnectAsync(SwitchHost host, ulong electionId, bool autoReconnect = true)
    {
        P4RuntimeClient client = await P4RuntimeClient.ConnectAsync(new P4RuntimeClientOptions
        {
            Address = host.Address,
            ElectionId = electionId,
            AutoReconnect = autoReconnect,
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        });
        _clients.Add(client);
        return client;
    }

    private static Task PushPipelineAsync(P4RuntimeClient client) =>
        client.SetForwardingPipelineConfigAsync(TestP4Info.Build(), ByteString.Empty, cookie: 42);

    private static P4InfoIndex Index => P4InfoIndex.FromP4Info(TestP4Info.Build());

    private static Entity Route(uint dst, uint port) =>
        Index.TableEntry("exact_t").Exact("dst", dst).Action("forward", ("port", port)).Build().ToEntity();

    private static async Task<MastershipState> WaitForAsync(P4RuntimeClient client, Func<MastershipState, bool> predicate)
    {
        using var cts = new CancellationTokenSource(Timeout);
        await foreach (MastershipState state in client.WatchMastershipAsync(cts.Token))
        {
            if (predicate(state))
            {
                return state;
            }
        }

        throw new AssertionException($"Mastership never reached the expected state; last {client.Mastership}.");
    }

    [Test]
    public async Task Connect_OnlyClient_BecomesPrimaryAndReadsCapabilities()
    {
        SwitchHost host = await StartSwitchAsync();
        P4RuntimeClient client = await ConnectAsync(host, 10);
        Assert.That(client.Mastership.IsPrimary, Is.True);
        Assert.That(await client.GetCapabilitiesAsync(), Does.StartWith("1."));
    }

    [Test]
    public async Task SetPipeline_ThenGet_ReturnsP4InfoAndCookie()
    {
        SwitchHost host = await StartSwitchAsync();
        P4RuntimeClient client = await ConnectAsync(host, 1);
        await PushPipelineAsync(client);
        ForwardingPipelineConfig config = await client.GetForwardingPipelineConfigAsync();
        Assert.Multiple(() =>
        {
            Assert.That(config.Cookie.Cookie_, Is.EqualTo(42UL));
            Assert.That(config.P4Info.Tables.Select(t => t.Preamble.Name), Does.Contain("MyIngress.exact_t"));
        });
    }

    [Test]
    public async Task Write_BatchWithOneBadUpdate_ReportsOnlyThatUpdateAndKeepsTheRest()
    {
        SwitchHost host = await StartSwitchAsync();
        P4RuntimeClient client = await ConnectAsync(host, 1);
        await PushPipelineAsync(client);
        await client.InsertAsync(Route(0x0a000001, 1));

        Update duplicate = P4Entities.Insert(Route(0x0a000001, 2));
        Update fresh = P4Entities.Insert(Route(0x0a000002, 3));
        var e = Assert.ThrowsAsync<P4RuntimeWriteException>(() => client.WriteAsync([fresh, duplicate]));

        Assert.Multiple(() =>
        {
            Assert.That(e!.Failures, Has.Count.EqualTo(1));
            Assert.That(e.Failures[0].Index, Is.EqualTo(1));
            Assert.That(e.Failures[0].Code, Is.EqualTo(StatusCode.AlreadyExists));
            Assert.That(e.Message, Does.Contain("ALREADY_EXISTS").IgnoreCase.Or.Contain("AlreadyExists"));
        });
        List<Entity> entries = await client.ReadAsync(Index.AllTableEntries("exact_t")).ToListAsync();
        Assert.That(entries, Has.Count.EqualTo(2), "the good update of the batch is installed, the original entry is untouched");
        Entity original = entries.Single(x => x.TableEntry.Match[0].Exact.Value.Span.SequenceEqual(new byte[] { 0x0a, 0, 0, 1 }));
        Assert.That(original.TableEntry.Action.Action.Params[0].Value.ToByteArray(), Is.EqualTo(new byte[] { 1 }));
    }

    [Test]
    public async Task Read_WildcardOverAllTables_ReturnsCanonicalValues()
    {
        SwitchHost host = await StartSwitchAsync();
        P4RuntimeClient client = await ConnectAsync(host, 1);
        await PushPipelineAsync(client);
        // A padded (legacy) value is accepted on write and read back canonical.
        TableEntry padded = Route(0x00000005, 7).TableEntry;
        padded.Match[0].Exact.Value = ByteString.CopyFrom(0, 0, 0, 5);
        await client.InsertAsync(new Entity { TableEntry = padded });

        List<Entity> all = await client.ReadAsync(Index.AllTableEntries()).ToListAsync();
        Assert.That(all, Has.Count.EqualTo(1));
        Assert.That(all[0].TableEntry.Match[0].Exact.Value.ToByteArray(), Is.EqualTo(new byte[] { 5 }));
    }

    [Test]
    public async Task Write_FromBackup_IsRefusedAsNotPrimary()
    {
        SwitchHost host = await StartSwitchAsync();
        P4RuntimeClient primary = await ConnectAsync(host, 2);
        P4RuntimeClient backup = await ConnectAsync(host, 1);
        await PushPipelineAsync(primary);
        Assert.That(backup.Mastership.Status, Is.EqualTo(MastershipStatus.Backup));

        var e = Assert.ThrowsAsync<P4RuntimeWriteException>(() => backup.InsertAsync(Route(1, 1)));
        Assert.That(e!.IsNotPrimary, Is.True);
        Assert.That(e.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
    }

    [Test]
    public async Task Failover_PiArbitration_BackupBecomesPrimaryWhenPrimaryLeaves()
    {
        SwitchHost host = await StartSwitchAsync(ArbitrationMode.Pi);
        P4RuntimeClient backup = await ConnectAsync(host, 1);
        P4RuntimeClient primary = await ConnectAsync(host, 2);
        await WaitForAsync(backup, s => s.Status == MastershipStatus.Backup);

        await primary.DisposeAsync();
        MastershipState state = await WaitForAsync(backup, s => s.IsPrimary);
        Assert.That(state.ElectionId, Is.EqualTo((UInt128)1));
        await PushPipelineAsync(backup);
        await backup.InsertAsync(Route(9, 9));
    }

    [Test]
    public async Task Failover_SpecArbitration_BackupTakesOverByRaisingItsElectionId()
    {
        SwitchHost host = await StartSwitchAsync(ArbitrationMode.Spec);
        P4RuntimeClient backup = await ConnectAsync(host, 1);
        P4RuntimeClient primary = await ConnectAsync(host, 2);
        await WaitForAsync(backup, s => s.Status == MastershipStatus.Backup);

        await primary.DisposeAsync();
        await WaitForAsync(backup, s => s.Status == MastershipStatus.BackupNoPrimary);
        MastershipState state = await backup.UpdateElectionIdAsync(3);
        Assert.That(state.IsPrimary, Is.True);
    }

    [Test]
    public async Task PacketOutAndIn_ThroughCpuPort_CarryMetadataByName()
    {
        SwitchHost host = await StartSwitchAsync();
        InMemoryPort port3 = host.Switch.AddInMemoryPort(3);
        host.Runtime.Commit(new PipelineDefinition(TestP4Info.Build(), new ReflectorProgram(255), new Dictionary<uint, Themis.Switch.Runtime.Tables.ActionCall>(), ByteString.Empty));
        P4RuntimeClient client = await ConnectAsync(host, 1);
        var codec = new PacketMetadataCodec(Index);

        byte[] frame = [.. Enumerable.Range(0, 64).Select(i => (byte)i)];
        await client.SendPacketOutAsync(codec.PacketOut(frame, ("egress_port", 3), ("_pad", 0)));
        byte[]? sent = await port3.ReceiveAsync(Timeout);
        Assert.That(sent, Is.EqualTo(frame), "packet-out leaves port 3 without its controller header");

        port3.Inject(frame);
        using var cts = new CancellationTokenSource(Timeout);
        await using IAsyncEnumerator<PacketIn> packetIns = client.ReadPacketInsAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.That(await packetIns.MoveNextAsync(), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(packetIns.Current.Payload.ToByteArray(), Is.EqualTo(frame));
            Assert.That(codec.DecodePacketIn(packetIns.Current)["ingress_port"], Is.EqualTo(3UL));
        });
    }

    [Test]
    public async Task IdleTimeout_EntryNotHit_IsReportedToPrimary()
    {
        SwitchHost host = await StartSwitchAsync();
        P4RuntimeClient client = await ConnectAsync(host, 1);
        await PushPipelineAsync(client);
        TableEntry entry = Index.TableEntry("exact_t").Exact("dst", 0x0a000009).Action("forward", ("port", 2))
            .IdleTimeout(TimeSpan.FromMilliseconds(100)).Build();
        await client.InsertAsync(entry.ToEntity());

        using var cts = new CancellationTokenSource(Timeout);
        await using IAsyncEnumerator<IdleTimeoutNotification> notifications = client.ReadIdleTimeoutNotificationsAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.That(await notifications.MoveNextAsync(), Is.True);
        TableEntry reported = notifications.Current.TableEntry.Single();
        Assert.That(reported.Match, Is.EqualTo(entry.Match));
    }

    [Test]
    public async Task Reconnect_SwitchRestartsOnSamePort_ClientReArbitratesAndReportsIt()
    {
        SwitchHost first = await StartSwitchAsync();
        string address = $"127.0.0.1:{first.Address.Port}";
        P4RuntimeClient client = await ConnectAsync(first, 7);
        var reconnected = new TaskCompletionSource<ReconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Reconnected += (_, e) => reconnected.TrySetResult(e);

        _hosts.Remove(first);
        await first.DisposeAsync();
        SwitchHost second = await StartSwitchAsync(address: address);

        ReconnectedEventArgs args = await reconnected.Task.WaitAsync(Timeout);
        Assert.Multiple(() =>
        {
            Assert.That(args.Mastership.IsPrimary, Is.True);
            Assert.That(args.Attempts, Is.GreaterThanOrEqualTo(1));
        });
        await PushPipelineAsync(client);
        await client.InsertAsync(Route(1, 1));
        Assert.That(await client.ReadAsync(Index.AllTableEntries("exact_t")).CountAsync(), Is.EqualTo(1));
        Assert.That(second.Address.Port, Is.EqualTo(first.Address.Port));
    }
}
