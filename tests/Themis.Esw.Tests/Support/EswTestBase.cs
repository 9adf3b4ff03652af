using System.Globalization;
using P4.V1;
using Themis.P4Runtime.Entities;
using Themis.Packets.IPv4;
using Themis.Packets.SwitchInternal;

namespace Themis.Esw.Tests.Support;

/// <summary>
/// Base of every packet test, in the spirit of PTF's testutils: send a frame on a port, expect frames (exact or
/// masked) on one port or any of several, expect nothing else; read counters and registers; configure the ESW
/// through P4Runtime with helpers named after its tables. The same test body runs on every <see cref="Target"/>
/// (npgsql-style parameterised fixtures; the Remote ones also carry the "Bmv2" category). Every table write a test makes is undone after it, and the registers
/// it touched are reset with control packets, so tests share one switch per target.
/// </summary>
[Category("Packet")]
public abstract class EswTestBase(Target target)
{
    private readonly List<Func<CancellationToken, Task>> _undo = [];
    private readonly HashSet<ushort> _slots = [];
    private readonly HashSet<uint> _cacheIndices = [];
    private readonly HashSet<uint> _pairs = [];
    private readonly List<(uint Port, byte[] Frame)> _unexpected = [];
    private Dictionary<int, long> _eventsAtStart = [];
    private CancellationTokenSource? _testTimeout;
    private uint _requestIds;

    protected Target Target { get; } = target;

    protected SwitchSession Switch { get; private set; } = null!;

    protected TestTimeouts Timeouts => Switch.Timeouts;

    protected CancellationToken Ct => _testTimeout?.Token ?? CancellationToken.None;

    [OneTimeSetUp]
    public async Task ConnectSwitchAsync()
    {
        Switch = await SwitchSessions.GetAsync(Target, CancellationToken.None);
        if (Switch.CannotExecuteReason is { } reason)
        {
            Assert.Ignore(reason);
        }
    }

    [SetUp]
    public async Task BeforeEachAsync()
    {
        _testTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await Switch.Loop.ResetAsync(Ct);
        Drain();
        _unexpected.Clear();
        _eventsAtStart = await ReadEventsAsync();
    }

    [TearDown]
    public async Task AfterEachAsync()
    {
        var problems = new List<string>();
        for (int i = _undo.Count - 1; i >= 0; i--)
        {
            try
            {
                await _undo[i](CancellationToken.None);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                problems.Add(e.Message);
            }
        }

        _undo.Clear();
        await Switch.Loop.ResetAsync(CancellationToken.None);
        foreach (ushort slot in _slots)
        {
            await ControlAsync(ControlOp.ResetSlot, slot);
        }

        foreach (uint index in _cacheIndices)
        {
            await ControlAsync(ControlOp.ClearCache, index);
        }

        foreach (uint pair in _pairs)
        {
            await ControlAsync(ControlOp.ClearPair, pair);
        }

        _slots.Clear();
        _cacheIndices.Clear();
        _pairs.Clear();
        Drain();
        _testTimeout?.Dispose();
        _testTimeout = null;
        Assert.That(problems, Is.Empty, "Undoing the test's writes failed; later tests may see its entries.");
    }

    // ------------------------------------------------------------------------------------------------
    // Packets
    // ------------------------------------------------------------------------------------------------

    protected Task SendPacketAsync(uint port, byte[] frame) => Switch.Ports[port].SendAsync(frame, Ct);

    /// <summary>Waits for a frame matching <paramref name="expected"/> on <paramref name="port"/>; frames that do not match are kept as unexpected.</summary>
    protected async Task<byte[]> ExpectPacketAsync(uint port, ExpectedPacket expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        (uint _, byte[] frame) = await ExpectPacketOnAnyAsync([port], expected);
        return frame;
    }

    /// <summary>Waits for a frame matching <paramref name="expected"/> on any of <paramref name="ports"/>.</summary>
    protected async Task<(uint Port, byte[] Frame)> ExpectPacketOnAnyAsync(IReadOnlyCollection<uint> ports, ExpectedPacket expected)
    {
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentNullException.ThrowIfNull(expected);
        DateTime deadline = DateTime.UtcNow + Timeouts.Packet;
        var seen = new List<(uint, byte[])>();
        while (DateTime.UtcNow < deadline)
        {
            foreach (uint port in ports)
            {
                while (Switch.Ports[port].TryReceive(out byte[] frame))
                {
                    if (expected.Matches(frame))
                    {
                        _unexpected.AddRange(seen);
                        return (port, frame);
                    }

                    seen.Add((port, frame));
                }
            }

            await Task.Delay(1, Ct);
        }

        _unexpected.AddRange(seen);
        string others = seen.Count == 0
            ? "Nothing arrived.\n" + PacketDiff.Describe(expected, null)
            : string.Join("\n", seen.Select(s => $"On port {s.Item1}:\n{PacketDiff.Describe(expected, s.Item2)}"));
        Assert.Fail($"Expected a packet on port {string.Join(" or ", ports)} within {Timeouts.Packet.TotalMilliseconds} ms ({Switch.Description}).\n{others}");
        return default;
    }

    /// <summary>The next frame on <paramref name="port"/>, whatever it is (fails when none comes).</summary>
    protected async Task<byte[]> ReceivePacketAsync(uint port)
    {
        byte[]? frame = await Switch.Ports[port].ReceiveAsync(Timeouts.Packet, Ct);
        Assert.That(frame, Is.Not.Null, $"Expected a packet on port {port} within {Timeouts.Packet.TotalMilliseconds} ms; nothing arrived.");
        return frame!;
    }

    /// <summary>Port <paramref name="port"/> stays silent for the quiet time.</summary>
    protected async Task ExpectNoPacketAsync(uint port)
    {
        byte[]? frame = await Switch.Ports[port].ReceiveAsync(Timeouts.Quiet, Ct);
        Assert.That(frame, Is.Null, () => $"Expected no packet on port {port}, received:\n{PacketDiff.HexDump(frame!)}");
    }

    /// <summary>
    /// PTF's verify_no_other_packets: after the quiet time, no data port (the loop port is the pump's), no packet-in
    /// and no digest holds anything the test did not expect.
    /// </summary>
    protected async Task ExpectNoOtherPacketsAsync()
    {
        await Task.Delay(Timeouts.Quiet, Ct);
        var found = new List<string>(_unexpected.Select(u => $"port {u.Port}:\n{PacketDiff.HexDump(u.Frame)}"));
        foreach (uint port in EswTopology.DataPorts.Where(p => p != EswTopology.LoopOutPort))
        {
            while (Switch.Ports[port].TryReceive(out byte[] frame))
            {
                found.Add($"port {port}:\n{PacketDiff.HexDump(frame)}");
            }
        }

        while (Switch.PacketIns.Reader.TryRead(out PacketInInfo? packetIn))
        {
            found.Add(packetIn.ToString());
        }

        while (Switch.Digests.Reader.TryRead(out HandshakeDigest? digest))
        {
            found.Add($"digest {digest}");
        }

        _unexpected.Clear();
        Assert.That(found, Is.Empty, () => $"Unexpected output from {Switch.Description}:\n{string.Join("\n", found)}");
    }

    /// <summary>The next packet-in (other than control replies) within the packet timeout.</summary>
    protected async Task<PacketInInfo> ExpectPacketInAsync(PuntReason reason)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(Timeouts.Packet);
        try
        {
            PacketInInfo packetIn = await Switch.PacketIns.Reader.ReadAsync(cts.Token);
            Assert.That(packetIn.Reason, Is.EqualTo(reason), () => $"Unexpected {packetIn}");
            return packetIn;
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            Assert.Fail($"Expected a packet-in ({reason}) within {Timeouts.Packet.TotalMilliseconds} ms; none came.");
            throw;
        }
    }

    protected async Task<HandshakeDigest> ExpectDigestAsync()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(Timeouts.Packet);
        try
        {
            HandshakeDigest digest = await Switch.Digests.Reader.ReadAsync(cts.Token);
            _pairs.Add(digest.PairIndex);
            return digest;
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            Assert.Fail($"Expected a handshake digest within {Timeouts.Packet.TotalMilliseconds} ms; none came.");
            throw;
        }
    }

    /// <summary>Sends a controller packet-out (packet_out.egress_port = <paramref name="egressPort"/>).</summary>
    protected async Task SendPacketOutAsync(byte[] frame, uint egressPort)
    {
        var metadata = Switch.Index.ControllerPacketMetadata("packet_out").Metadata
            .Select(m => (m.Name, (object)(m.Name == "egress_port" ? egressPort : 0u))).ToArray();
        await Switch.Client.SendPacketOutAsync(Switch.Metadata.PacketOut(frame, metadata), Ct);
    }

    private void Drain()
    {
        foreach (ITestPort port in Switch.Ports.Values.Where(p => p.Number != EswTopology.LoopOutPort))
        {
            while (port.TryReceive(out _))
            {
            }
        }

        while (Switch.PacketIns.Reader.TryRead(out _))
        {
        }

        while (Switch.Digests.Reader.TryRead(out _))
        {
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Counters and registers
    // ------------------------------------------------------------------------------------------------

    /// <summary>How often the data plane counted <paramref name="ev"/> since the test started.</summary>
    protected async Task<long> EventCountAsync(EswEvent ev)
    {
        Dictionary<int, long> now = await ReadEventsAsync();
        return now.GetValueOrDefault((int)ev) - _eventsAtStart.GetValueOrDefault((int)ev);
    }

    /// <summary>Every event counted since the test started (non-zero ones), for failure messages.</summary>
    protected async Task<string> EventSummaryAsync()
    {
        Dictionary<int, long> now = await ReadEventsAsync();
        return string.Join(", ", now.Where(p => p.Value != _eventsAtStart.GetValueOrDefault(p.Key))
            .Select(p => $"{(EswEvent)p.Key}+{p.Value - _eventsAtStart.GetValueOrDefault(p.Key)}"));
    }

    /// <summary>Asserts the deltas of the given events since the test started.</summary>
    protected async Task ExpectEventsAsync(params (EswEvent Event, long Count)[] expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        Dictionary<int, long> now = await ReadEventsAsync();
        string summary = string.Join(", ", now.Where(p => p.Value != _eventsAtStart.GetValueOrDefault(p.Key))
            .Select(p => $"{(EswEvent)p.Key}+{p.Value - _eventsAtStart.GetValueOrDefault(p.Key)}"));
        Assert.Multiple(() =>
        {
            foreach ((EswEvent ev, long count) in expected)
            {
                Assert.That(now.GetValueOrDefault((int)ev) - _eventsAtStart.GetValueOrDefault((int)ev), Is.EqualTo(count), $"themis_events[{ev}] (counted in this test: {summary})");
            }
        });
    }

    private async Task<Dictionary<int, long>> ReadEventsAsync()
    {
        var values = new Dictionary<int, long>();
        await foreach (Entity entity in Switch.Client.ReadAsync(Switch.Index.CounterEntry("themis_events"), Ct))
        {
            values[(int)entity.CounterEntry.Index.Index_] = entity.CounterEntry.Data?.PacketCount ?? 0;
        }

        return values;
    }

    /// <summary>Executes a control packet (docs/esw-pipeline.md) and returns the switch's answer.</summary>
    protected async Task<ControlHeader> ControlAsync(ControlOp op, uint index, uint expectedCacheEntry = 0)
    {
        uint requestId = Interlocked.Increment(ref _requestIds) + 0x5000_0000;
        await SendPacketOutAsync(ThemisFrames.BuildControlRequest(op, index, requestId, expectedCacheEntry), 0);
        using var cts = new CancellationTokenSource(Timeouts.Packet);
        var others = new List<PacketInInfo>();
        try
        {
            while (true)
            {
                PacketInInfo packetIn = await Switch.PacketIns.Reader.ReadAsync(cts.Token);
                if (packetIn.Reason == PuntReason.ControlReply && ThemisFrames.TryReadControl(packetIn.Payload, out ControlHeader reply) && reply.RequestId == requestId)
                {
                    foreach (PacketInInfo other in others)
                    {
                        Switch.PacketIns.Writer.TryWrite(other);
                    }

                    return reply;
                }

                others.Add(packetIn);
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The switch did not answer control packet {op} [{index}] within {Timeouts.Packet.TotalMilliseconds} ms.");
            throw;
        }
    }

    protected async Task<ControlHeader> ReadSlotAsync(ushort slot)
    {
        ControlHeader reply = await ControlAsync(ControlOp.ReadSlot, slot);
        Assert.That(reply.Status, Is.EqualTo(ControlStatus.Ok), $"READ_SLOT {slot}");
        return reply;
    }

    protected async Task<uint> ReadCacheAsync(uint index) => (await ControlAsync(ControlOp.ReadCache, index)).CacheEntry;

    /// <summary>Sends a dummy to the loop port as the controller does (packet-out to the loop port).</summary>
    protected Task InjectDummyAsync(ushort id) => SendPacketOutAsync(EswPackets.Dummy(id), EswTopology.LoopOutPort);

    // ------------------------------------------------------------------------------------------------
    // Tables, as the controller writes them (each write undone after the test)
    // ------------------------------------------------------------------------------------------------

    /// <summary>qp_field: (local IP, remote IP, remote QPN) → (local QPN, slot), as the controller installs from a daemon report.</summary>
    protected async Task InsertQpFieldAsync(IPv4Address localIp, IPv4Address remoteIp, uint remoteQpn, uint localQpn, ushort slot)
    {
        Entity entry = Switch.Index.TableEntry("qp_field")
            .Exact("ipv4_src", localIp.Value).Exact("ipv4_dst", remoteIp.Value).Exact("dest_qp", remoteQpn)
            .Action("set_qp_field", ("local_qpn", localQpn), ("slot", slot)).Build().ToEntity();
        _slots.Add(slot);
        _cacheIndices.Add(EswHashes.CacheSlot(localIp, localQpn).Index);
        await InsertAsync(entry);
    }

    /// <summary>cnp_store: (local IP, local QPN) → slot, as the controller installs from a CNP copy.</summary>
    protected async Task InsertCnpStoreAsync(IPv4Address localIp, uint localQpn, ushort slot)
    {
        Entity entry = Switch.Index.TableEntry("cnp_store")
            .Exact("ipv4_dst", localIp.Value).Exact("dest_qp", localQpn)
            .Action("set_cnp_store_slot", ("slot", slot)).Build().ToEntity();
        _slots.Add(slot);
        await InsertAsync(entry);
    }

    /// <summary>routing_v4: prefix → next hop (<c>set_wan_next_hop</c> when <paramref name="towardWan"/>).</summary>
    protected Task AddRouteAsync(IPv4Address prefix, int length, uint port, Themis.Packets.Ethernet.MacAddress nextHop, bool towardWan = false) =>
        InsertAsync(Switch.Route(prefix.Value, length, towardWan ? "set_wan_next_hop" : "set_next_hop", port, nextHop.Value));

    /// <summary>themis_params' default action set_params; the baseline comes back after the test.</summary>
    protected async Task SetParamsAsync(EswParams parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        await ModifyDefaultAsync("themis_params", "set_params", parameters.ToActionParams(), "set_params", EswParams.Baseline.ToActionParams());
    }

    /// <summary>cookie_secrets' default action: new current secret, the old one as previous (controller rotation).</summary>
    protected Task SetCookieSecretsAsync(uint current, uint previous) =>
        ModifyDefaultAsync("cookie_secrets", "set_cookie_secrets", [("current", current), ("previous", previous)], "set_cookie_secrets", [("current", 0u), ("previous", 0u)]);

    protected void TrackSlot(ushort slot) => _slots.Add(slot);

    protected void TrackPair(IPv4Address local, IPv4Address remote) => _pairs.Add(EswHashes.PairIndex(local, remote));

    private async Task InsertAsync(Entity entity)
    {
        await Switch.Client.InsertAsync(entity, Ct);
        _undo.Add(ct => Switch.Client.DeleteAsync(entity, ct));
    }

    private async Task ModifyDefaultAsync(string table, string action, (string, object)[] parameters, string restoreAction, (string, object)[] restore)
    {
        await Switch.Client.ModifyAsync(Switch.Index.DefaultEntry(table).Action(action, parameters).Build().ToEntity(), Ct);
        _undo.Add(ct => Switch.Client.ModifyAsync(Switch.Index.DefaultEntry(table).Action(restoreAction, restore).Build().ToEntity(), ct));
    }

    protected static string Hex(uint value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);
}
