using System.Threading.Channels;
using Google.Protobuf;
using P4.Config.V1;
using P4.V1;
using Themis.P4Runtime;
using Themis.P4Runtime.Encoding;
using Themis.P4Runtime.Entities;
using Themis.P4Runtime.Info;
using Themis.Packets.SwitchInternal;
using static Themis.Esw.Tests.Support.EswTopology;

namespace Themis.Esw.Tests.Support;

/// <summary>
/// One switch for a whole test run, configured the way the Themis controller configures an ESW: a P4Runtime
/// session (primary), the ESW pipeline pushed with SetForwardingPipelineConfig, then the static setup every
/// test relies on (port roles, routes, clone sessions, the digest, parameters). Tests add and undo their own
/// entries on top (<see cref="EswTestBase"/>). Packet-ins and digests are read into queues; digests are acked.
/// </summary>
public sealed class SwitchSession : IAsyncDisposable
{
    private readonly IAsyncDisposable? _owner;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _readers = [];

    private SwitchSession(Target target, string description, P4RuntimeClient client, P4InfoIndex index, IReadOnlyDictionary<uint, ITestPort> ports, IAsyncDisposable? owner)
    {
        Target = target;
        Description = description;
        Client = client;
        Index = index;
        Metadata = new PacketMetadataCodec(index);
        Ports = ports;
        _owner = owner;
        Timeouts = TestTimeouts.For(target);
        Loop = new LoopPump(ports[LoopOutPort], ports[LoopInPort]);
    }

    /// <summary>How the embedded switch (and themis-switch) words a program it parsed but cannot run (P4PipelineCompiler).</summary>
    public const string CannotRunMarker = "cannot be run by this switch";

    public Target Target { get; }

    /// <summary>What the switch is (shown in skip and failure messages).</summary>
    public string Description { get; }

    public P4RuntimeClient Client { get; }

    public P4InfoIndex Index { get; }

    public PacketMetadataCodec Metadata { get; }

    public IReadOnlyDictionary<uint, ITestPort> Ports { get; }

    public LoopPump Loop { get; }

    public TestTimeouts Timeouts { get; }

    /// <summary>Null when the switch executes the program; otherwise why packet tests cannot run on it.</summary>
    public string? CannotExecuteReason { get; private set; }

    public Channel<PacketInInfo> PacketIns { get; } = Channel.CreateUnbounded<PacketInInfo>();

    public Channel<HandshakeDigest> Digests { get; } = Channel.CreateUnbounded<HandshakeDigest>();

    /// <summary>
    /// Connects (retrying while the switch starts, up to <paramref name="connectTimeout"/>), pushes the ESW pipeline and
    /// installs the static setup. <paramref name="owner"/> (the switch or its process) is disposed with the session.
    /// </summary>
    public static async Task<SwitchSession> StartAsync(
        Target target, string description, Uri address, ulong deviceId, P4Info p4Info, ByteString deviceConfig,
        IReadOnlyDictionary<uint, ITestPort> ports, IAsyncDisposable? owner, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        P4RuntimeClient client = await ConnectAsync(address, deviceId, connectTimeout, cancellationToken).ConfigureAwait(false);
        var session = new SwitchSession(target, description, client, P4InfoIndex.FromP4Info(p4Info), ports, owner);
        try
        {
            try
            {
                await client.SetForwardingPipelineConfigAsync(p4Info, deviceConfig, cookie: 1, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (P4RuntimeException e) when (e.StatusCode == Grpc.Core.StatusCode.InvalidArgument && e.ServerMessage?.Contains(CannotRunMarker, StringComparison.Ordinal) == true)
            {
                // The switch says it cannot execute this program (the embedded switch's executor lacks a construct the
                // ESW uses): a capability report, not a test failure. Its own words go into the skip reason.
                session.SetCannotExecute($"{description} cannot execute the ESW program: {e.ServerMessage}");
                return session;
            }

            await session.InstallStaticSetupAsync(cancellationToken).ConfigureAwait(false);
            session.StartReaders();
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Marks the session as unable to run packets (the switch loaded the program control-plane only).</summary>
    public void SetCannotExecute(string reason) => CannotExecuteReason = reason;

    private static async Task<P4RuntimeClient> ConnectAsync(Uri address, ulong deviceId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var options = new P4RuntimeClientOptions
        {
            Address = address,
            DeviceId = deviceId,
            ElectionId = 1,
            AutoReconnect = false,
            ArbitrationTimeout = TimeSpan.FromSeconds(5),
        };
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return await P4RuntimeClient.ConnectAsync(options, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (P4RuntimeException) when (DateTime.UtcNow < deadline)
            {
                // The switch may still be starting.
                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>What the controller installs from its topology before any flow: the same for every test.</summary>
    private async Task InstallStaticSetupAsync(CancellationToken cancellationToken)
    {
        var updates = new List<Update>
        {
            P4Entities.Insert(Index.TableEntry("port_roles").Exact("port", DcPortA).Action("set_dc_port", ("cnp_session", CnpSession(DcPortA))).Build().ToEntity()),
            P4Entities.Insert(Index.TableEntry("port_roles").Exact("port", DcPortB).Action("set_dc_port", ("cnp_session", CnpSession(DcPortB))).Build().ToEntity()),
            P4Entities.Insert(Index.TableEntry("port_roles").Exact("port", WanPort).Action("set_wan_port").Build().ToEntity()),
            P4Entities.Insert(Index.TableEntry("port_roles").Exact("port", LoopInPort).Action("set_loop_port").Build().ToEntity()),
            P4Entities.Insert(Route(HostA.Ip.Value, 32, "set_next_hop", DcPortA, HostA.Mac.Value)),
            P4Entities.Insert(Route(HostB.Ip.Value, 32, "set_next_hop", DcPortB, HostB.Mac.Value)),
            P4Entities.Insert(Route(0x0A02_0000, 16, "set_wan_next_hop", WanPort, WanRouterMac.Value)),
            P4Entities.Insert(P4Entities.CloneSession(CnpSession(DcPortA), [(DcPortA, 1)])),
            P4Entities.Insert(P4Entities.CloneSession(CnpSession(DcPortB), [(DcPortB, 1)])),
            P4Entities.Insert(P4Entities.CloneSession(CpuCloneSession, [(CpuPort, 1)])),
            P4Entities.Insert(Index.DigestEntry("handshake_digest_t", maxTimeoutNs: 0, maxListSize: 1)),
            P4Entities.Modify(Index.DefaultEntry("themis_params").Action("set_params", EswParams.Baseline.ToActionParams()).Build().ToEntity()),
        };
        await Client.WriteAsync(updates, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public Entity Route(uint prefix, int length, string action, uint port, ulong dmac) =>
        Index.TableEntry("routing_v4").Lpm("ipv4_dst", prefix, length).Action(action, ("port", port), ("dmac", dmac)).Build().ToEntity();

    private void StartReaders()
    {
        CancellationToken token = _stop.Token;
        _readers.Add(Task.Run(async () =>
        {
            await foreach (PacketIn packet in Client.ReadPacketInsAsync(token).ConfigureAwait(false))
            {
                PacketIns.Writer.TryWrite(Decode(packet));
            }
        }, token));
        _readers.Add(Task.Run(async () =>
        {
            await foreach (DigestList list in Client.ReadDigestListsAsync(token).ConfigureAwait(false))
            {
                foreach (P4Data data in list.Data)
                {
                    var members = data.Struct.Members;
                    Digests.Writer.TryWrite(new HandshakeDigest(
                        new Packets.IPv4.IPv4Address((uint)P4Bytes.DecodeUInt64(members[0].Bitstring, 32)),
                        new Packets.IPv4.IPv4Address((uint)P4Bytes.DecodeUInt64(members[1].Bitstring, 32)),
                        (uint)P4Bytes.DecodeUInt64(members[2].Bitstring, 32)));
                }

                // As the controller does: the switch may then report the same data again.
                await Client.AckDigestListAsync(list, token).ConfigureAwait(false);
            }
        }, token));
    }

    private PacketInInfo Decode(PacketIn packet)
    {
        IReadOnlyDictionary<string, ulong> m = Metadata.DecodePacketIn(packet);
        ulong Get(string name) => m.GetValueOrDefault(name);
        return new PacketInInfo(
            (PuntReason)Get("reason"), (uint)Get("ingress_port"), (ushort)Get("slot"), (uint)Get("local_qpn"),
            (uint)Get("cache_index"), (uint)Get("cache_entry"), packet.Payload.ToByteArray());
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Loop.DisposeAsync().ConfigureAwait(false);
        await Client.DisposeAsync().ConfigureAwait(false);
        foreach (Task reader in _readers)
        {
            try
            {
                await reader.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }

        foreach (ITestPort port in Ports.Values)
        {
            await port.DisposeAsync().ConfigureAwait(false);
        }

        if (_owner is not null)
        {
            await _owner.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }
}
