using System.Globalization;
using System.Text.Json.Nodes;
using Themis.Cli.Tests.Support;
using Themis.Packets.RoCE;

namespace Themis.Cli.Tests;

/// <summary>
/// themisctl against the ESW program running on the embedded switch in strict BMv2 mode: the switch refuses
/// RegisterEntry reads and writes as BMv2's PI server does, so every register value comes back through the
/// program's own control packets. The state is made by sending packets through the data plane; the switch's clock
/// is stepped, so the timestamps the program records are known.
/// </summary>
[Category("Integration")]
public sealed class RunningEswStrictTests
{
    private const string Election = "5";

    private RunningEsw _esw = null!;

    [SetUp]
    public async Task StartAsync() => _esw = await RunningEsw.StartAsync(strict: true);

    [TearDown]
    public async Task StopAsync() => await _esw.DisposeAsync();

    private Task<CliResult> RunAsync(params string[] args) => Themisctl.RunWithAsync(null, [.. args, "--address", _esw.Address]);

    private async Task<JsonObject> JsonAsync(params string[] args)
    {
        CliResult result = await RunAsync([.. args, "--json"]);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.ToString());
        return result.Json["result"]!.AsObject();
    }

    private static ulong[] Values(JsonObject registers) =>
        [.. registers["cells"]!.AsArray().Select(c => c!["value"]!.GetValue<ulong>())];

    [Test]
    public async Task Registers_SlotRegistersAfterCnps_ReturnTheProgramsValuesThroughControlPackets()
    {
        await _esw.MakeTrafficAsync();

        JsonObject cnpNum = await JsonAsync("registers", "cnp_num", "6..8", "--election-id", Election);
        Assert.That(cnpNum["path"]!.GetValue<string>(), Is.EqualTo("control-packets"));
        Assert.That(Values(cnpNum), Is.EqualTo(new ulong[] { 0, 2, 0 }));
        Assert.That(Values(await JsonAsync("registers", "cnp_time", "7", "--election-id", Election)), Is.EqualTo(new ulong[] { 2_000_010 }));
        Assert.That(Values(await JsonAsync("registers", "alpha", "7", "--election-id", Election)), Is.EqualTo(new ulong[] { RunningEsw.Alpha0 + 1 }));
        Assert.That(Values(await JsonAsync("registers", "loop_num", "7", "--election-id", Election)), Is.EqualTo(new ulong[] { 1 }));
        Assert.That(Values(await JsonAsync("registers", "flow_state", "7", "--election-id", Election)), Is.EqualTo(new ulong[] { 1 }));
        Assert.That(Values(await JsonAsync("registers", "last_cnp", "2..3", "--election-id", Election)), Is.EqualTo(new ulong[] { 0, 1_000_000 }));
    }

    [Test]
    public async Task Registers_Text_ShowsTheValuesAndThePath()
    {
        await _esw.MakeTrafficAsync();
        CliResult result = await RunAsync("registers", "cnp_time", "7", "--election-id", Election, "--verbose");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.ToString());
        Assert.That(result.Output, Does.Contain("read via control-packets"));
        Assert.That(Row(result.Output, "7"), Is.EqualTo(new[] { "7", "2000010", "0x0000001e848a" }));
        Assert.That(result.Error, Does.Contain("UNIMPLEMENTED").And.Contain("control packets"));
    }

    [Test]
    public async Task Registers_CnpCache_ReturnsTheEntryTrpWrote()
    {
        await _esw.MakeTrafficAsync();
        (uint index, uint entry) = EswHash.CnpCache(RunningEsw.B.LocalIp, RunningEsw.B.LocalQpn, RunningEsw.B.Slot);
        string i = index.ToString(CultureInfo.InvariantCulture);
        JsonObject cache = await JsonAsync("registers", "cnp_cache", i, "--election-id", Election);
        Assert.That(cache["path"]!.GetValue<string>(), Is.EqualTo("control-packets"));
        Assert.That(Values(cache), Is.EqualTo(new ulong[] { entry }));
    }

    [Test]
    public async Task ResetRegister_SlotRegister_ZeroesEveryRegisterOfThatSlotOnly()
    {
        await _esw.MakeTrafficAsync();
        CliResult reset = await RunAsync("reset-register", "cnp_num", "7", "--yes", "--election-id", Election, "--json");
        Assert.That(reset.ExitCode, Is.EqualTo(ExitCodes.Ok), reset.ToString());
        Assert.That(reset.Json["result"]!["path"]!.GetValue<string>(), Is.EqualTo("control-packets"));
        Assert.That(reset.Json["result"]!["note"]!.GetValue<string>(), Does.Contain("every per-slot register"));

        foreach (string register in new[] { "cnp_num", "alpha", "loop_num", "flow_state", "cnp_time" })
        {
            Assert.That(Values(await JsonAsync("registers", register, "7", "--election-id", Election)), Is.EqualTo(new ulong[] { 0 }), register);
        }

        Assert.That(Values(await JsonAsync("registers", "last_cnp", "3", "--election-id", Election)), Is.EqualTo(new ulong[] { 1_000_000 }), "slot 3 was not reset");
    }

    [Test]
    public async Task ResetRegister_CnpCache_ClearsTheEntry()
    {
        await _esw.MakeTrafficAsync();
        (uint index, _) = EswHash.CnpCache(RunningEsw.B.LocalIp, RunningEsw.B.LocalQpn, RunningEsw.B.Slot);
        string i = index.ToString(CultureInfo.InvariantCulture);
        Assert.That(Values(await JsonAsync("registers", "cnp_cache", i, "--election-id", Election)), Is.Not.EqualTo(new ulong[] { 0 }));

        CliResult reset = await RunAsync("reset-register", "cnp_cache", i, "--yes", "--election-id", Election);
        Assert.That(reset.ExitCode, Is.EqualTo(ExitCodes.Ok), reset.ToString());
        Assert.That(Values(await JsonAsync("registers", "cnp_cache", i, "--election-id", Election)), Is.EqualTo(new ulong[] { 0 }));
    }

    /// <summary>
    /// verified_pairs cannot be read on BMv2, but a cleared pair shows in the data plane: the next outbound SYN-ACK of
    /// the pair is marked (and counted) again, while one of a still-verified pair is not.
    /// </summary>
    [Test]
    public async Task ResetRegister_VerifiedPair_TheHandshakeMonitorMarksThePairAgain()
    {
        await _esw.SendSynAckAsync(RunningEsw.A);
        await _esw.SendSynAckAsync(RunningEsw.A);
        Assert.That(await EventAsync("hs_synack_marked"), Is.EqualTo(1), "a verified pair is marked once");

        string index = EswHash.PairIndex(RunningEsw.A.LocalIp, RunningEsw.A.RemoteIp).ToString(CultureInfo.InvariantCulture);
        CliResult reset = await RunAsync("reset-register", "verified_pairs", index, "--yes", "--election-id", Election);
        Assert.That(reset.ExitCode, Is.EqualTo(ExitCodes.Ok), reset.ToString());
        Assert.That(reset.Output, Does.Contain("via control-packets"));
        await _esw.SendSynAckAsync(RunningEsw.A);
        Assert.That(await EventAsync("hs_synack_marked"), Is.EqualTo(2));
    }

    [Test]
    public async Task Flows_AfterTraffic_JoinsTablesAndTheProgramsRegisters()
    {
        await _esw.MakeTrafficAsync();
        JsonObject flows = await JsonAsync("flows", "--election-id", Election);
        Assert.That(flows["registerPath"]!.GetValue<string>(), Is.EqualTo("control-packets"));
        JsonObject a = flows["flows"]!.AsArray().Single(f => f!["slot"]!.GetValue<int>() == RunningEsw.A.Slot)!.AsObject();
        JsonObject b = flows["flows"]!.AsArray().Single(f => f!["slot"]!.GetValue<int>() == RunningEsw.B.Slot)!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(a["localIp"]!.GetValue<string>(), Is.EqualTo("10.0.0.1"));
            Assert.That(a["localQpn"]!.GetValue<ulong>(), Is.EqualTo(0x101UL));
            Assert.That(a["remoteIp"]!.GetValue<string>(), Is.EqualTo("10.1.0.2"));
            Assert.That(a["remoteQpn"]!.GetValue<ulong>(), Is.EqualTo(0x201UL));
            Assert.That(a["cnpStore"]!.GetValue<bool>(), Is.False);
            Assert.That(a["lastCnpUs"]!.GetValue<ulong>(), Is.EqualTo(1_000_000UL));
            Assert.That(a["cnpTimeUs"]!.GetValue<ulong>(), Is.Zero);
            Assert.That(a["trpStatus"]!.GetValue<string>(), Is.EqualTo("NORMAL"));
            Assert.That(a["packets"]!.GetValue<long>(), Is.EqualTo(1), "qp_field's direct counter: one data packet");

            Assert.That(b["cnpStore"]!.GetValue<bool>(), Is.True);
            Assert.That(b["lastCnpUs"]!.GetValue<ulong>(), Is.Zero);
            Assert.That(b["cnpTimeUs"]!.GetValue<ulong>(), Is.EqualTo(2_000_010UL));
            Assert.That(b["trpStatus"]!.GetValue<string>(), Is.EqualTo("THROTTLED"));
            Assert.That(b["loopNum"]!.GetValue<ulong>(), Is.EqualTo(1UL));
            Assert.That(b["alpha"]!.GetValue<ulong>(), Is.EqualTo((ulong)RunningEsw.Alpha0 + 1));
            Assert.That(b["cnpNum"]!.GetValue<ulong>(), Is.EqualTo(2UL));
            Assert.That(b["packets"]!.GetValue<long>(), Is.EqualTo(2), "qp_field's direct counter: two CNPs");
        });
    }

    [Test]
    public async Task Flows_Text_MatchesTheSnapshot()
    {
        await _esw.MakeTrafficAsync();
        CliResult result = await RunAsync("flows", "--election-id", Election);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.ToString());
        Snapshot.AssertMatches("running-flows.txt", result.Output);
    }

    [Test]
    public async Task Registers_P4RuntimePathOnly_ReportsTheRefusalWithoutFallingBack()
    {
        CliResult result = await RunAsync("registers", "alpha", "7", "--register-path", "p4runtime", "--json");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Refused), result.ToString());
        Assert.That(result.Json["error"]!["message"]!.GetValue<string>(), Does.Contain("UNIMPLEMENTED").And.Contain("--register-path p4runtime"));
    }

    [Test]
    public async Task RegisterPath_UnknownValue_IsAUsageError()
    {
        CliResult result = await RunAsync("registers", "alpha", "7", "--register-path", "bmv2");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage), result.ToString());
        Assert.That(result.Error, Does.Contain("auto, p4runtime, control-packets"));
    }

    /// <summary>
    /// set-param changes one parameter of the running program and keeps the others: the next CNP applies the new alpha0,
    /// and PNP's CNPs still carry the switch MAC and DSCP set before.
    /// </summary>
    [Test]
    public async Task SetParam_Alpha0_TheRunningProgramUsesItAndKeepsTheOtherParameters()
    {
        CliResult set = await RunAsync("set-param", "alpha0", "3", "--yes", "--election-id", Election);
        Assert.That(set.ExitCode, Is.EqualTo(ExitCodes.Ok), set.ToString());

        _esw.SetTime(1_000_000);
        await _esw.SendReceiverCnpAsync(RunningEsw.B);
        Assert.That(Values(await JsonAsync("registers", "alpha", "7", "--election-id", Election)), Is.EqualTo(new ulong[] { 4 }), "1 % 3 == 1: alpha0 + 1");

        byte[] cnp = (await _esw.SendCeDataAsync(RunningEsw.A, psn: 1))!;
        Assert.That(RoceV2Frame.TryParse(cnp, out RoceV2Frame frame), Is.EqualTo(RoceV2ParseStatus.Ok));
        Assert.That(frame.Ethernet.Source, Is.EqualTo(RunningEsw.SwitchMac));
        Assert.That(frame.IPv4.Dscp, Is.EqualTo(48));
        Assert.That(frame.IcrcValid, Is.True);
        Assert.That(frame.Bth.DestQp, Is.EqualTo(RunningEsw.A.LocalQpn));
    }

    /// <summary>A flow inserted with themisctl is one the running program answers for; deleted, it is not.</summary>
    [Test]
    public async Task InsertAndDelete_QpField_TheRunningProgramFollows()
    {
        var c = new RunningEsw.Flow(Themis.Packets.IPv4.IPv4Address.Parse("10.0.0.7"), 0x777, Themis.Packets.IPv4.IPv4Address.Parse("10.1.0.7"), 0x70, 12);
        string[] key = ["ipv4_src=10.0.0.7", "ipv4_dst=10.1.0.7", "dest_qp=0x70"];
        CliResult insert = await RunAsync(["insert", "qp_field", .. key, "action=set_qp_field", "local_qpn=0x777", "slot=12", "--yes", "--election-id", Election]);
        Assert.That(insert.ExitCode, Is.EqualTo(ExitCodes.Ok), insert.ToString());

        _esw.SetTime(5_000_000);
        byte[] cnp = (await _esw.SendCeDataAsync(c, psn: 1))!;
        Assert.That(RoceV2Frame.TryParse(cnp, out RoceV2Frame frame), Is.EqualTo(RoceV2ParseStatus.Ok));
        Assert.That(frame.Bth.DestQp, Is.EqualTo(0x777u));
        JsonObject flows = await JsonAsync("flows", "--election-id", Election);
        JsonObject row = flows["flows"]!.AsArray().Single(f => f!["slot"]!.GetValue<int>() == 12)!.AsObject();
        Assert.That((row["localIp"]!.GetValue<string>(), row["lastCnpUs"]!.GetValue<ulong>()), Is.EqualTo(("10.0.0.7", 5_000_000UL)));

        CliResult delete = await RunAsync(["delete", "qp_field", .. key, "--yes", "--election-id", Election]);
        Assert.That(delete.ExitCode, Is.EqualTo(ExitCodes.Ok), delete.ToString());
        _esw.SetTime(6_000_000);
        await _esw.SendCeDataAsync(c, psn: 2, expectCnp: false);
        Assert.That(await EventAsync("pnp_ce_unregistered"), Is.EqualTo(1));
    }

    [Test]
    public async Task Flows_WithoutElectionId_AsksForOne()
    {
        CliResult result = await RunAsync("flows");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage), result.ToString());
        Assert.That(result.Error, Does.Contain("--election-id"));
    }

    [Test]
    public async Task Counters_AfterTraffic_CountEachDecisionOfTheProgram()
    {
        await _esw.MakeTrafficAsync();
        JsonObject counters = await JsonAsync("counters", "themis_events");
        Dictionary<string, long> events = counters["counters"]![0]!["cells"]!.AsArray()
            .ToDictionary(c => c!["event"]!.GetValue<string>(), c => c!["packets"]!.GetValue<long>());
        Assert.That(events, Is.EquivalentTo(new Dictionary<string, long>
        {
            ["pnp_ce_seen"] = 1,
            ["pnp_cnp_generated"] = 1,
            ["pnp_ce_cleared"] = 1,
            ["trp_cnp_seen"] = 2,
            ["trp_cnp_copied"] = 2,
            ["trp_loop_num_raised"] = 1,
            ["routed"] = 3,
        }));

        // Each control packet themisctl sends is a decision too.
        await JsonAsync("registers", "alpha", "6..7", "--election-id", Election);
        JsonObject after = await JsonAsync("counters", "themis_events");
        long controlOk = after["counters"]![0]!["cells"]!.AsArray().Single(c => c!["event"]!.GetValue<string>() == "control_ok")!["packets"]!.GetValue<long>();
        Assert.That(controlOk, Is.EqualTo(2));
    }

    [Test]
    public async Task Stats_PacketsBetweenTheTwoReads_GiveTheirRates()
    {
        await _esw.MakeTrafficAsync();
        var clock = new SteppedClock();
        Task<CliResult> stats = Themisctl.RunWithAsync(new CliEnvironment { Time = clock }, "stats", "--sample", "2", "--json", "--address", _esw.Address);
        await clock.WaitingAsync(TimeSpan.FromSeconds(10));

        // Between the reads: 4 CE data packets of flow A at one instant (PNP answers the first, suppresses the rest
        // within cnp_interval), and 2 frames with a bad IPv4 checksum.
        _esw.SetTime(3_000_000);
        for (uint psn = 1; psn <= 4; psn++)
        {
            await _esw.SendCeDataAsync(RunningEsw.A, psn, expectCnp: psn == 1);
        }

        await _esw.InjectAndSettleAsync(BadChecksum(RunningEsw.A));
        await _esw.InjectAndSettleAsync(BadChecksum(RunningEsw.A));
        clock.Step(TimeSpan.FromSeconds(2));

        CliResult result = await stats;
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.ToString());
        JsonObject json = result.Json["result"]!.AsObject();
        Assert.That(json["intervalSeconds"]!.GetValue<double>(), Is.EqualTo(2.0));
        Dictionary<string, (long Packets, double? Rate)> events = json["events"]!.AsArray().ToDictionary(
            e => e!["event"]!.GetValue<string>(), e => (e!["packets"]!.GetValue<long>(), e["packetsPerSecond"]?.GetValue<double>()));
        Assert.Multiple(() =>
        {
            Assert.That(events["pnp_ce_seen"], Is.EqualTo((5L, (double?)2.0)));
            Assert.That(events["pnp_cnp_generated"], Is.EqualTo((2L, (double?)0.5)));
            Assert.That(events["pnp_cnp_suppressed"], Is.EqualTo((3L, (double?)1.5)));
            Assert.That(events["pnp_ce_cleared"], Is.EqualTo((5L, (double?)2.0)));
            Assert.That(events["routed"], Is.EqualTo((7L, (double?)2.0)));
            Assert.That(events["drop_ipv4_checksum"], Is.EqualTo((2L, (double?)1.0)));
            Assert.That(events["trp_cnp_seen"], Is.EqualTo((2L, (double?)0.0)));
        });
    }

    private async Task<long> EventAsync(string name)
    {
        JsonObject counters = await JsonAsync("counters", "themis_events", "--all");
        return counters["counters"]![0]!["cells"]!.AsArray().Single(c => c!["event"]!.GetValue<string>() == name)!["packets"]!.GetValue<long>();
    }

    private static byte[] BadChecksum(RunningEsw.Flow flow)
    {
        byte[] frame = RunningEsw.Data(flow, psn: 9, Themis.Packets.IPv4.Ecn.Ect0);
        frame[14 + 10] ^= 0xFF;
        return frame;
    }

    private static string[] Row(string output, string first) =>
        output.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Single(cells => cells.Length > 0 && cells[0] == first);
}
