using System.Text.Json.Nodes;
using Themis.Cli.Tests.Support;

namespace Themis.Cli.Tests;

/// <summary>Each read-only command against the embedded switch in a known state: the text layout and the JSON content.</summary>
[Category("Integration")]
public sealed class ReadCommandTests
{
    private EswSwitch _switch = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _switch = await EswSwitch.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _switch.DisposeAsync();

    [TestCase("tables", new[] { "tables" })]
    [TestCase("dump-qp_field", new[] { "dump", "qp_field" })]
    [TestCase("dump-all", new[] { "dump", "all" })]
    [TestCase("registers-alpha", new[] { "registers", "alpha" })]
    [TestCase("registers-last_cnp-range", new[] { "registers", "last_cnp", "2..4" })]
    [TestCase("counters", new[] { "counters" })]
    [TestCase("digests", new[] { "digests" })]
    [TestCase("clone-sessions", new[] { "clone-sessions" })]
    [TestCase("multicast-groups", new[] { "multicast-groups" })]
    [TestCase("pipeline", new[] { "pipeline" })]
    [TestCase("flows", new[] { "flows" })]
    [TestCase("pairs", new[] { "pairs" })]
    public async Task Command_KnownState_PrintsTheExpectedTable(string snapshot, string[] args)
    {
        CliResult result = await Themisctl.RunAsync(_switch, args);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.ToString());
        Assert.That(result.Error, Is.Empty);
        Snapshot.AssertMatches(snapshot + ".txt", result.Output);
    }

    [Test]
    public async Task Tables_Json_ListsOccupancyAndMatchFields()
    {
        JsonObject json = (await Themisctl.RunAsync(_switch, "tables", "--json")).Json;
        JsonObject qp = Find(json["result"]!["tables"]!, "name", "qp_field");
        Assert.That(qp["id"]!.GetValue<uint>(), Is.EqualTo(0x02000001u));
        Assert.That(qp["size"]!.GetValue<long>(), Is.EqualTo(1024));
        Assert.That(qp["entries"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(qp["matchFields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "ipv4_src", "ipv4_dst", "dest_qp" }));
    }

    [Test]
    public async Task Dump_Json_CarriesDecodedAndRawValuesCountersAndDefault()
    {
        JsonObject json = (await Themisctl.RunAsync(_switch, "dump", "qp_field", "--json")).Json;
        JsonObject table = json["result"]!["tables"]![0]!.AsObject();
        JsonObject first = table["entries"]![0]!.AsObject();
        JsonObject src = first["match"]![0]!.AsObject();
        Assert.That(src["text"]!.GetValue<string>(), Is.EqualTo("10.0.0.1"));
        Assert.That(src["value"]!.GetValue<string>(), Is.EqualTo("0x0a000001"));
        Assert.That(first["action"]!["name"]!.GetValue<string>(), Is.EqualTo("set_qp_field"));
        Assert.That(first["action"]!["params"]![1]!["value"]!.GetValue<string>(), Is.EqualTo("0x0003"));
        Assert.That(first["counter"]!["packets"]!.GetValue<long>(), Is.EqualTo(1000));
        Assert.That(table["defaultEntry"]!["action"]!["name"]!.GetValue<string>(), Is.EqualTo("qp_field_miss"));
    }

    [Test]
    public async Task Dump_TernaryAndRange_ShowMaskRangeAndPriority()
    {
        JsonObject json = (await Themisctl.RunAsync(_switch, "dump", "acl", "--json")).Json;
        JsonObject entry = json["result"]!["tables"]![0]!["entries"]![0]!.AsObject();
        Assert.That(entry["priority"]!.GetValue<int>(), Is.EqualTo(10));
        Assert.That(entry["match"]![0]!["mask"]!.GetValue<string>(), Is.EqualTo("0xffff0000"));
        Assert.That(entry["match"]![1]!["low"]!.GetValue<string>(), Is.EqualTo("0x03e8"));
        Assert.That(entry["match"]![1]!["high"]!.GetValue<string>(), Is.EqualTo("0x07d0"));
    }

    [Test]
    public async Task Flows_Json_JoinsQpFieldCnpStoreAndSlotRegisters()
    {
        JsonObject json = (await Themisctl.RunAsync(_switch, "flows", "--json")).Json;
        Assert.That(json["result"]!["registerPath"]!.GetValue<string>(), Is.EqualTo("p4runtime"));
        JsonObject throttled = Find(json["result"]!["flows"]!, "slot", 7);
        Assert.That(throttled["localIp"]!.GetValue<string>(), Is.EqualTo("10.0.0.5"));
        Assert.That(throttled["localQpn"]!.GetValue<ulong>(), Is.EqualTo(0xffUL));
        Assert.That(throttled["remoteQpn"]!.GetValue<ulong>(), Is.EqualTo(0xabcdUL));
        Assert.That(throttled["cnpStore"]!.GetValue<bool>(), Is.True);
        Assert.That(throttled["trpStatus"]!.GetValue<string>(), Is.EqualTo("THROTTLED"));
        Assert.That(throttled["loopNum"]!.GetValue<ulong>(), Is.EqualTo(2UL));
        Assert.That(throttled["alpha"]!.GetValue<ulong>(), Is.EqualTo(6UL));
        Assert.That(throttled["cnpNum"]!.GetValue<ulong>(), Is.EqualTo(11UL));
        Assert.That(throttled["cnpTimeUs"]!.GetValue<ulong>(), Is.EqualTo(123456UL));
        JsonObject normal = Find(json["result"]!["flows"]!, "slot", 3);
        Assert.That(normal["lastCnpUs"]!.GetValue<ulong>(), Is.EqualTo(1500UL));
        Assert.That(normal["cnpStore"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task Registers_Verbose_SaysTheP4RuntimePathWasUsed()
    {
        CliResult result = await Themisctl.RunAsync(_switch, "registers", "cnp_num", "7", "--verbose");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.ToString());
        Assert.That(result.Error, Does.Contain("P4Runtime RegisterEntry reads"));
        Assert.That(result.Output, Does.Contain("read via p4runtime"));
    }

    [Test]
    public async Task Stats_TwoReads_ReportsRatesOfEventsCountedInBetween()
    {
        // Count 50 more CNPs generated while stats samples: the rate must be positive. Own switch: it changes counters.
        await using EswSwitch sw = await EswSwitch.StartAsync();
        Task<CliResult> stats = Themisctl.RunAsync(sw, "stats", "--sample", "1", "--json");
        await Task.Delay(300);
        await using (var client = await sw.ConnectAsync(electionId: 1))
        {
            await client.ModifyAsync(new global::P4.V1.Entity
            {
                CounterEntry = new global::P4.V1.CounterEntry
                {
                    CounterId = sw.Index.Counter("themis_events").Preamble.Id,
                    Index = new global::P4.V1.Index { Index_ = 7 },
                    Data = new global::P4.V1.CounterData { PacketCount = 92 },
                },
            });
        }

        CliResult result = await stats;
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.ToString());
        JsonObject generated = Find(result.Json["result"]!["events"]!, "event", "pnp_cnp_generated");
        Assert.That(generated["packets"]!.GetValue<long>(), Is.EqualTo(92));
        Assert.That(generated["packetsPerSecond"]!.GetValue<double>(), Is.GreaterThan(10).And.LessThan(60));
        JsonObject throttled = Find(result.Json["result"]!["events"]!, "event", "trp_throttled");
        Assert.That(throttled["packetsPerSecond"]!.GetValue<double>(), Is.EqualTo(0));
    }

    [Test]
    public async Task ReadOnlyCommand_WithAPrimaryController_DoesNotArbitrate()
    {
        await using var controller = await _switch.ConnectAsync(electionId: 2);
        int changes = 0;
        controller.MastershipChanged += (_, _) => Interlocked.Increment(ref changes);
        CliResult result = await Themisctl.RunAsync(_switch, "dump", "all", "--election-id", "9");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.ToString());
        Assert.That(controller.Mastership.Status, Is.EqualTo(Themis.P4Runtime.MastershipStatus.Primary));
        Assert.That(changes, Is.Zero, "a read-only command must not open an arbitration stream");
    }

    [Test]
    public async Task P4InfoFile_GivenWithP4Info_IsUsedInsteadOfTheSwitchs()
    {
        CliResult result = await Themisctl.RunAsync(_switch, "tables", "--p4info", EswSwitch.DataPath(EswSwitch.P4InfoFile), "--verbose");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.ToString());
        Assert.That(result.Error, Does.Contain("P4Info from " + EswSwitch.DataPath(EswSwitch.P4InfoFile)));
    }

    private static JsonObject Find(JsonNode array, string key, string value) =>
        array.AsArray().Select(n => n!.AsObject()).Single(o => o[key]!.GetValue<string>() == value);

    private static JsonObject Find(JsonNode array, string key, int value) =>
        array.AsArray().Select(n => n!.AsObject()).Single(o => o[key]!.GetValue<long>() == value);
}
