using P4.V1;
using Themis.Controller.Internal;
using Themis.Controller.Tests.Support;
using Themis.P4Runtime.Entities;
using Themis.Packets.SwitchInternal;
using Themis.Switch.Server;

namespace Themis.Controller.Tests.Switch;

/// <summary>
/// The controller against the embedded switch's P4Runtime server over a real socket, strict BMv2 mode, with the
/// ESW program pushed from p4/ (P4Info derived by the front end). The switch runs control-plane only here, so the
/// tests feed the controller what the ESW's CPU path would (packet-ins, digests) through the switch's own hooks;
/// the end-to-end tests do the same with real packets.
/// </summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class ControlPlaneTests
{
    private const uint RemoteQpn = 0x000222;
    private EswBench _bench = null!;

    [SetUp]
    public async Task StartSwitch() => _bench = await EswBench.StartAsync(executeProgram: false);

    [TearDown]
    public Task StopSwitch() => _bench.EndTestAsync();

    [Test]
    public async Task RunAsync_FreshSwitch_PushesPipeline_NextControllerAdoptsByCookie(CancellationToken token)
    {
        RunningController first = _bench.Start(1);
        ControllerStatus pushed = await first.WaitPrimaryAsync(token);
        await first.StopAsync();

        RunningController second = _bench.Start(1);
        ControllerStatus adopted = await second.WaitPrimaryAsync(token);

        Assert.That(pushed.PipelinePushed, Is.True);
        Assert.That(adopted.PipelinePushed, Is.False, "the switch runs the same pipeline (cookie): adopted, not pushed again");
        Assert.That(_bench.Host.Runtime.Cookie, Is.EqualTo(_bench.Pipeline.Cookie));
    }

    [Test]
    public async Task RunAsync_Primary_StaticStateReadsBack(CancellationToken token)
    {
        RunningController controller = _bench.Start(1);
        await controller.WaitPrimaryAsync(token);

        List<TableEntry> roles = await _bench.ReadTableAsync(EswNames.PortRoles, token);
        List<TableEntry> routes = await _bench.ReadTableAsync(EswNames.RoutingV4, token);
        List<Entity> paramsDefault = await _bench.ReadAsync(new Entity { TableEntry = new TableEntry { TableId = _bench.Index.Table(EswNames.ThemisParams).Preamble.Id, IsDefaultAction = true } }, token);
        List<Entity> clones = await _bench.ReadAsync(new Entity { PacketReplicationEngineEntry = new PacketReplicationEngineEntry { CloneSessionEntry = new CloneSessionEntry() } }, token);

        Assert.That(roles.Select(e => ActionName(e)), Is.EquivalentTo(new[] { "set_dc_port", "set_dc_port", "set_wan_port", "set_loop_port" }));
        Assert.That(routes, Has.Count.EqualTo(3));
        Assert.That(routes.Count(e => ActionName(e) == "set_wan_next_hop"), Is.EqualTo(1), "the route to 10.2.0.0/16 leaves by the WAN port");
        var setParams = paramsDefault.Single().TableEntry.Action.Action;
        Assert.That(_bench.Index.Action(setParams.ActionId).Preamble.Name, Does.EndWith("set_params"));
        Assert.That(Param(setParams, "control_ip"), Is.EqualTo(0x0A0000FEu));
        Assert.That(Param(setParams, "loop_port"), Is.EqualTo(4u));
        Assert.That(Param(setParams, "cnp_interval"), Is.EqualTo(50u));
        Assert.That(clones.Select(c => c.PacketReplicationEngineEntry.CloneSessionEntry.SessionId), Is.EquivalentTo(new[] { 100u, 101u, 500u }));
        Assert.That(clones.All(c => c.PacketReplicationEngineEntry.CloneSessionEntry.PacketLengthBytes == 0), "BMv2 cannot truncate in a clone session");
    }

    [Test]
    public async Task Digest_ThenDaemonRegistration_InstallsQpFieldEntryWithSlot(CancellationToken token)
    {
        RunningController controller = _bench.Start(1);
        await controller.WaitPrimaryAsync(token);

        // Strict mode drops digests without a DigestEntry: this one arriving proves the controller installed it.
        await RegisterFlowAsync(controller, token);

        TableEntry entry = (await _bench.ReadTableAsync(EswNames.QpField, token)).Single();
        IReadOnlyList<VerifiedPair> pairs = await controller.Controller.GetVerifiedPairsAsync(TimeSpan.FromSeconds(5), token);
        Assert.That(Exact(entry, EswNames.QpField, "ipv4_src"), Is.EqualTo(EswBench.HostA));
        Assert.That(Exact(entry, EswNames.QpField, "ipv4_dst"), Is.EqualTo(EswBench.RemoteHost));
        Assert.That(Exact(entry, EswNames.QpField, "dest_qp"), Is.EqualTo(RemoteQpn));
        Assert.That(Param(entry.Action.Action, "local_qpn"), Is.EqualTo(0x11u));
        Assert.That(Param(entry.Action.Action, "slot"), Is.EqualTo(0u));
        Assert.That(pairs, Has.Count.EqualTo(1));
        Assert.That(pairs[0].Local, Is.EqualTo("10.0.1.1"));
        Assert.That(pairs[0].Remote, Is.EqualTo("10.2.1.1"));
        Assert.That(pairs[0].ExpiresAt, Is.GreaterThan(DateTimeOffset.UtcNow.AddMinutes(50)));
    }

    [Test]
    public async Task DaemonRegistration_BeforeDigest_PendsThenInstalls(CancellationToken token)
    {
        RunningController controller = _bench.Start(1);
        await controller.WaitPrimaryAsync(token);

        await _bench.InjectPacketInAsync(DaemonPunt(1), EswBench.DaemonFrame(EswBench.HostA, create: true, 1, localQpn: 0x11, RemoteQpn));
        await controller.WaitForAsync(s => s.PendingRegistrations == 1, token);
        int beforeDigest = (await _bench.ReadTableAsync(EswNames.QpField, token)).Count;
        _bench.InjectDigest(EswBench.HostA, EswBench.RemoteHost, 7);
        ControllerStatus after = await controller.WaitForAsync(s => s.InstalledFlows == 1, token);

        Assert.That(beforeDigest, Is.Zero, "nothing is installed for a pair not yet verified");
        Assert.That(after.PendingRegistrations, Is.Zero);
        Assert.That(await _bench.ReadTableAsync(EswNames.QpField, token), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task DaemonDestroy_RemovesEntryAndFreesSlot(CancellationToken token)
    {
        RunningController controller = _bench.Start(1);
        await controller.WaitPrimaryAsync(token);
        await RegisterFlowAsync(controller, token);

        await _bench.InjectPacketInAsync(DaemonPunt(1), EswBench.DaemonFrame(EswBench.HostA, create: false, 2, localQpn: 0x11));
        ControllerStatus after = await controller.WaitForAsync(s => s.InstalledFlows == 0, token);

        Assert.That(after.SlotsInUse, Is.Zero);
        Assert.That(await _bench.ReadTableAsync(EswNames.QpField, token), Is.Empty);
        Assert.That(controller.Controller.RenderMetrics(), Does.Contain("themis_controller_daemon_packets_total{outcome=\"removed\"} 1"));
    }

    [Test]
    public async Task ForgedAndMalformedDaemonPackets_CountedAndIgnored(CancellationToken token)
    {
        RunningController controller = _bench.Start(1);
        await controller.WaitPrimaryAsync(token);
        _bench.InjectDigest(EswBench.HostA, EswBench.RemoteHost, 7);
        await controller.WaitForAsync(s => s.VerifiedPairs == 1, token);
        byte[] good = EswBench.DaemonFrame(EswBench.HostA, create: true, 1, localQpn: 0x11, RemoteQpn);

        // Host B's key on host A's address, a flipped MAC byte, garbage, a truncated frame, the WAN port, a replay.
        await _bench.InjectPacketInAsync(DaemonPunt(1), EswBench.DaemonFrame(EswBench.HostA, create: true, 5, localQpn: 0x12, RemoteQpn, key: EswBench.KeyOf(EswBench.HostB)));
        byte[] flipped = (byte[])good.Clone();
        flipped[^1] ^= 0x01;
        await _bench.InjectPacketInAsync(DaemonPunt(1), flipped);
        await _bench.InjectPacketInAsync(DaemonPunt(1), [.. good[..42], .. new byte[40]]);
        await _bench.InjectPacketInAsync(DaemonPunt(1), good[..30]);
        await _bench.InjectPacketInAsync(DaemonPunt(3), good);
        await _bench.InjectPacketInAsync(DaemonPunt(1), good);
        await _bench.InjectPacketInAsync(DaemonPunt(1), good);
        await controller.WaitForAsync(s => s.InstalledFlows == 1, token);
        string metrics = await WaitForMetricAsync(controller.Controller, "outcome=\"replayed\"", token);

        List<TableEntry> entries = await _bench.ReadTableAsync(EswNames.QpField, token);
        Assert.That(entries, Has.Count.EqualTo(1), "only the genuine registration is installed");
        Assert.That(Param(entries[0].Action.Action, "local_qpn"), Is.EqualTo(0x11u));
        Assert.That(metrics, Does.Contain("outcome=\"wrong_key\"} 1").Or.Contain("outcome=\"bad_mac\"} 2"));
        Assert.That(metrics, Does.Contain("outcome=\"malformed\"} 2"));
        Assert.That(metrics, Does.Contain("outcome=\"wrong_port\"} 1"));
        Assert.That(metrics, Does.Contain("outcome=\"installed\"} 1"));
        Assert.That(metrics, Does.Contain("outcome=\"replayed\"} 1"));
        // Nothing was lost between the switch and the serving loop, and the counter says so.
        Assert.That(metrics, Does.Contain("# TYPE themis_controller_stream_messages_dropped_total counter"));
        Assert.That(metrics, Does.Contain("themis_controller_stream_messages_dropped_total{kind=\"packet_in\"} 0"));
    }

    [Test]
    public async Task Registrations_BeyondSlots_RefusedWithoutCorruption(CancellationToken token)
    {
        RunningController controller = _bench.Start(1, "themis.flowSlots=2", "themis.cnpStoreSize=2");
        await controller.WaitPrimaryAsync(token);
        _bench.InjectDigest(EswBench.HostA, EswBench.RemoteHost, 7);
        await controller.WaitForAsync(s => s.VerifiedPairs == 1, token);

        for (uint i = 0; i < 3; i++)
        {
            await _bench.InjectPacketInAsync(DaemonPunt(1), EswBench.DaemonFrame(EswBench.HostA, create: true, 1 + i, localQpn: 0x20 + i, RemoteQpn + i));
        }

        string metrics = await WaitForMetricAsync(controller.Controller, "outcome=\"slots_exhausted\"} 1", token);
        List<TableEntry> entries = await _bench.ReadTableAsync(EswNames.QpField, token);

        Assert.That(controller.Status.InstalledFlows, Is.EqualTo(2));
        Assert.That(entries.Select(e => Param(e.Action.Action, "slot")), Is.EquivalentTo(new[] { 0u, 1u }));
        Assert.That(entries.Select(e => Param(e.Action.Action, "local_qpn")), Is.EquivalentTo(new[] { 0x20u, 0x21u }));
        Assert.That(metrics, Does.Contain("outcome=\"installed\"} 2"));

        // Freeing a slot lets the refused flow in when its daemon reports it again.
        await _bench.InjectPacketInAsync(DaemonPunt(1), EswBench.DaemonFrame(EswBench.HostA, create: false, 10, localQpn: 0x20));
        await controller.WaitForAsync(s => s.InstalledFlows == 1, token);
        await _bench.InjectPacketInAsync(DaemonPunt(1), EswBench.DaemonFrame(EswBench.HostA, create: true, 11, localQpn: 0x22, RemoteQpn + 2));
        await controller.WaitForAsync(s => s.InstalledFlows == 2, token);
        entries = await _bench.ReadTableAsync(EswNames.QpField, token);
        Assert.That(entries.Select(e => Param(e.Action.Action, "slot")), Is.EquivalentTo(new[] { 0u, 1u }));
    }

    [Test]
    public async Task CnpCopy_InsertsCnpStoreEntry_IdleTimeoutRemovesIt(CancellationToken token)
    {
        RunningController controller = _bench.Start(1, "timers.cnpStoreIdleTimeout=\"400ms\"");
        await controller.WaitPrimaryAsync(token);
        await RegisterFlowAsync(controller, token);

        // The receiver HostA's CNP toward the remote sender, as the ESW clones it to the CPU.
        byte[] cnp = Themis.Packets.RoCE.RoceV2Packets.BuildCnp(new Themis.Packets.RoCE.CnpSpec
        {
            SourceMac = Themis.Packets.Ethernet.MacAddress.Parse("02:00:0a:00:01:01"),
            DestinationMac = Themis.Packets.Ethernet.MacAddress.Parse("02:00:00:00:00:fe"),
            SourceIp = new Themis.Packets.IPv4.IPv4Address(EswBench.HostA),
            DestinationIp = new Themis.Packets.IPv4.IPv4Address(EswBench.RemoteHost),
            DestQp = RemoteQpn,
        });
        var copy = new PacketInHeader(1, PuntReason.CnpCopy, 0, 0x11, 77, 0x1234_8000);
        await _bench.InjectPacketInAsync(copy, cnp);
        await controller.WaitForAsync(s => s.CnpStoreEntries == 1, token);
        List<TableEntry> stored = await _bench.ReadTableAsync(EswNames.CnpStore, token);

        await controller.WaitForAsync(s => s.CnpStoreEntries == 0, token);
        List<TableEntry> afterIdle = await _bench.ReadTableAsync(EswNames.CnpStore, token);

        Assert.That(stored, Has.Count.EqualTo(1));
        Assert.That(Exact(stored[0], EswNames.CnpStore, "ipv4_dst"), Is.EqualTo(EswBench.HostA));
        Assert.That(Exact(stored[0], EswNames.CnpStore, "dest_qp"), Is.EqualTo(0x11u));
        Assert.That(Param(stored[0].Action.Action, "slot"), Is.EqualTo(0u));
        Assert.That(stored[0].IdleTimeoutNs, Is.EqualTo(400_000_000L));
        Assert.That(afterIdle, Is.Empty, "the idle entry is deleted on the switch too");
    }

    [Test]
    public async Task ControllerRestart_RebuildsFromSwitch_NoSlotDoubleAllocated(CancellationToken token)
    {
        RunningController first = _bench.Start(1);
        await first.WaitPrimaryAsync(token);
        _bench.InjectDigest(EswBench.HostA, EswBench.RemoteHost, 7);
        await first.WaitForAsync(s => s.VerifiedPairs == 1, token);
        await _bench.InjectPacketInAsync(DaemonPunt(1), EswBench.DaemonFrame(EswBench.HostA, create: true, 1, localQpn: 0x11, RemoteQpn));
        await _bench.InjectPacketInAsync(DaemonPunt(1), EswBench.DaemonFrame(EswBench.HostA, create: true, 2, localQpn: 0x12, RemoteQpn + 1));
        await first.WaitForAsync(s => s.InstalledFlows == 2, token);
        await first.StopAsync();

        RunningController second = _bench.Start(1);
        ControllerStatus adopted = await second.WaitPrimaryAsync(token);
        // The pair is known again from the adopted entries, so a new registration installs at once.
        await _bench.InjectPacketInAsync(DaemonPunt(1), EswBench.DaemonFrame(EswBench.HostA, create: true, 3, localQpn: 0x13, RemoteQpn + 2));
        await second.WaitForAsync(s => s.InstalledFlows == 3, token, seconds: 20);
        List<TableEntry> entries = await _bench.ReadTableAsync(EswNames.QpField, token);

        Assert.That(adopted.PipelinePushed, Is.False);
        Assert.That(adopted.InstalledFlows, Is.EqualTo(2));
        Assert.That(adopted.SlotsInUse, Is.EqualTo(2));
        Assert.That(entries.Select(e => Param(e.Action.Action, "slot")), Is.EquivalentTo(new[] { 0u, 1u, 2u }), "no slot handed out twice");
    }

    [Test]
    public async Task SwitchRestart_ControllerReconnectsRepushesAndReinstallsFlows(CancellationToken token)
    {
        RunningController controller = _bench.Start(1);
        await controller.WaitPrimaryAsync(token);
        await RegisterFlowAsync(controller, token);

        await _bench.RestartSwitchAsync(token);
        ControllerStatus back = await controller.WaitForAsync(s => s.Role == ControllerRole.Primary && s.Sessions >= 2, token);
        List<TableEntry> entries = await _bench.ReadTableAsync(EswNames.QpField, token);
        List<TableEntry> roles = await _bench.ReadTableAsync(EswNames.PortRoles, token);

        Assert.That(back.PipelinePushed, Is.True, "the restarted switch had no pipeline");
        Assert.That(roles, Has.Count.EqualTo(4));
        Assert.That(entries, Has.Count.EqualTo(1), "the flow the controller knew is installed again");
        Assert.That(Param(entries[0].Action.Action, "slot"), Is.EqualTo(0u));
        Assert.That(controller.Controller.RenderMetrics(), Does.Contain("themis_controller_reconnects_total 1"));
    }

    /// <summary>Host A's pair is verified by a handshake digest, then its daemon registers QP 0x11 ↔ the remote's QP.</summary>
    private async Task RegisterFlowAsync(RunningController controller, CancellationToken token)
    {
        _bench.InjectDigest(EswBench.HostA, EswBench.RemoteHost, 7);
        await controller.WaitForAsync(s => s.VerifiedPairs == 1, token);
        await _bench.InjectPacketInAsync(DaemonPunt(1), EswBench.DaemonFrame(EswBench.HostA, create: true, 1, localQpn: 0x11, RemoteQpn));
        await controller.WaitForAsync(s => s.InstalledFlows == 1, token);
    }

    private static PacketInHeader DaemonPunt(ushort port) => new(port, PuntReason.DaemonPacket, 0, 0, 0, 0);

    internal static async Task<string> WaitForMetricAsync(EswController controller, string text, CancellationToken token)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(token);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        while (true)
        {
            string metrics = controller.RenderMetrics();
            if (metrics.Contains(text, StringComparison.Ordinal))
            {
                return metrics;
            }

            try
            {
                await Task.Delay(20, deadline.Token);
            }
            catch (OperationCanceledException) when (!token.IsCancellationRequested)
            {
                Assert.Fail($"The metrics never showed {text}:\n{metrics}");
            }
        }
    }

    private string ActionName(TableEntry entry) => _bench.Index.Action(entry.Action.Action.ActionId).Preamble.Name.Split('.')[^1];

    private uint Param(global::P4.V1.Action action, string name)
    {
        var info = Themis.P4Runtime.Info.P4InfoIndex.Param(_bench.Index.Action(action.ActionId), name);
        return (uint)Themis.P4Runtime.Encoding.P4Bytes.DecodeUInt64(action.Params.Single(p => p.ParamId == info.Id).Value, info.Bitwidth);
    }

    private uint Exact(TableEntry entry, string table, string field)
    {
        var info = Themis.P4Runtime.Info.P4InfoIndex.MatchField(_bench.Index.Table(table), field);
        return (uint)Themis.P4Runtime.Encoding.P4Bytes.DecodeUInt64(entry.Match.Single(m => m.FieldId == info.Id).Exact.Value, info.Bitwidth);
    }
}
