using System.Globalization;
using System.Text.Json.Nodes;
using P4.V1;
using Themis.Cli.Tests.Support;
using Themis.P4Runtime;
using Themis.P4Runtime.Entities;

namespace Themis.Cli.Tests;

/// <summary>
/// themisctl against the ESW program running on the embedded switch in its default mode, which serves P4Runtime
/// RegisterEntry reads and writes: registers come back over P4Runtime, and the same cells read through the
/// program's control packets (--register-path control-packets) agree with them.
/// </summary>
[Category("Integration")]
public sealed class RunningEswP4RuntimeTests
{
    private const string Election = "5";

    private RunningEsw _esw = null!;

    [SetUp]
    public async Task StartAsync() => _esw = await RunningEsw.StartAsync(strict: false);

    [TearDown]
    public async Task StopAsync() => await _esw.DisposeAsync();

    private async Task<JsonObject> JsonAsync(params string[] args)
    {
        CliResult result = await Themisctl.RunWithAsync(null, [.. args, "--json", "--address", _esw.Address]);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.ToString());
        return result.Json["result"]!.AsObject();
    }

    private static ulong[] Values(JsonObject registers) =>
        [.. registers["cells"]!.AsArray().Select(c => c!["value"]!.GetValue<ulong>())];

    [TestCase("cnp_num")]
    [TestCase("cnp_time")]
    [TestCase("alpha")]
    [TestCase("loop_num")]
    [TestCase("flow_state")]
    [TestCase("last_cnp")]
    [TestCase("last_psn")]
    [TestCase("in_loop")]
    public async Task Registers_AfterTraffic_P4RuntimeAndControlPacketsAgree(string register)
    {
        await _esw.MakeTrafficAsync();
        JsonObject viaP4Runtime = await JsonAsync("registers", register, "0..15");
        JsonObject viaControl = await JsonAsync("registers", register, "0..15", "--register-path", "control-packets", "--election-id", Election);
        Assert.That(viaP4Runtime["path"]!.GetValue<string>(), Is.EqualTo("p4runtime"));
        Assert.That(viaControl["path"]!.GetValue<string>(), Is.EqualTo("control-packets"));
        Assert.That(viaControl["cells"]!.ToJsonString(), Is.EqualTo(viaP4Runtime["cells"]!.ToJsonString()));
    }

    [Test]
    public async Task Registers_AfterTraffic_ReturnTheProgramsValuesOverP4Runtime()
    {
        await _esw.MakeTrafficAsync();
        Assert.That(Values(await JsonAsync("registers", "cnp_num", "6..8")), Is.EqualTo(new ulong[] { 0, 2, 0 }));
        Assert.That(Values(await JsonAsync("registers", "cnp_time", "7")), Is.EqualTo(new ulong[] { 2_000_010 }));
        Assert.That(Values(await JsonAsync("registers", "alpha", "7")), Is.EqualTo(new ulong[] { RunningEsw.Alpha0 + 1 }));
        Assert.That(Values(await JsonAsync("registers", "last_cnp", "3")), Is.EqualTo(new ulong[] { 1_000_000 }));
        (uint index, uint entry) = EswHash.CnpCache(RunningEsw.B.LocalIp, RunningEsw.B.LocalQpn, RunningEsw.B.Slot);
        Assert.That(Values(await JsonAsync("registers", "cnp_cache", index.ToString(CultureInfo.InvariantCulture))), Is.EqualTo(new ulong[] { entry }));
    }

    [Test]
    public async Task Registers_CnpCacheWithoutRange_BothPathsListTheOneEntry()
    {
        await _esw.MakeTrafficAsync();
        (uint index, uint entry) = EswHash.CnpCache(RunningEsw.B.LocalIp, RunningEsw.B.LocalQpn, RunningEsw.B.Slot);
        foreach (string path in new[] { "p4runtime", "control-packets" })
        {
            JsonObject cache = await JsonAsync("registers", "cnp_cache", "--register-path", path, "--election-id", Election);
            Assert.That(cache["zeroCellsHidden"]!.GetValue<int>(), Is.EqualTo(EswHash.CnpCacheSize - 1), path);
            JsonNode cell = cache["cells"]!.AsArray().Single()!;
            Assert.That((cell["index"]!.GetValue<long>(), cell["value"]!.GetValue<ulong>()), Is.EqualTo(((long)index, (ulong)entry)), path);
        }
    }

    /// <summary>
    /// Every per-slot register set to a distinct value over P4Runtime: the control-packet path must put each field of
    /// the read-slot reply in its own register (a swapped field would show here).
    /// </summary>
    [Test]
    public async Task Registers_WrittenOverP4Runtime_ControlPacketsReturnEachRegistersValue()
    {
        var written = new Dictionary<string, ulong>
        {
            ["last_cnp"] = 0x1234_5678_9ABC,
            ["flow_state"] = 2,
            ["cnp_num"] = 0xDEAD_BEEF,
            ["alpha"] = 0x0BCD,
            ["loop_num"] = 0x7E,
            ["cnp_time"] = 0xFEDC_BA98_7654,
            ["last_psn"] = 0x0100_0042,
            ["in_loop"] = 0x0123,
        };
        await using (P4RuntimeClient client = await _esw.ConnectAsync())
        {
            await client.ModifyAsync(written.Select(w => _esw.Index.RegisterValue(w.Key, 9, w.Value)));
        }

        foreach ((string register, ulong value) in written)
        {
            JsonObject viaControl = await JsonAsync("registers", register, "8..10", "--register-path", "control-packets", "--election-id", Election);
            Assert.That(Values(viaControl), Is.EqualTo(new ulong[] { 0, value, 0 }), register);
        }
    }

    [Test]
    public async Task Flows_AfterTraffic_BothPathsGiveTheSameRows()
    {
        await _esw.MakeTrafficAsync();
        JsonObject viaP4Runtime = await JsonAsync("flows");
        JsonObject viaControl = await JsonAsync("flows", "--register-path", "control-packets", "--election-id", Election);
        Assert.That(viaP4Runtime["registerPath"]!.GetValue<string>(), Is.EqualTo("p4runtime"));
        Assert.That(viaControl["registerPath"]!.GetValue<string>(), Is.EqualTo("control-packets"));
        Assert.That(viaControl["flows"]!.ToJsonString(), Is.EqualTo(viaP4Runtime["flows"]!.ToJsonString()));
        JsonObject b = viaP4Runtime["flows"]!.AsArray().Single(f => f!["slot"]!.GetValue<int>() == RunningEsw.B.Slot)!.AsObject();
        Assert.That((b["trpStatus"]!.GetValue<string>(), b["cnpNum"]!.GetValue<ulong>(), b["cnpTimeUs"]!.GetValue<ulong>()),
            Is.EqualTo(("THROTTLED", 2UL, 2_000_010UL)));
    }

    [Test]
    public async Task ResetRegister_OverP4Runtime_ZeroesThatRegisterOnly()
    {
        await _esw.MakeTrafficAsync();
        JsonObject reset = await JsonAsync("reset-register", "alpha", "7", "--yes", "--election-id", Election);
        Assert.That(reset["path"]!.GetValue<string>(), Is.EqualTo("p4runtime"));
        Assert.That(reset["note"], Is.Null);
        Assert.That(Values(await JsonAsync("registers", "alpha", "7")), Is.EqualTo(new ulong[] { 0 }));
        Assert.That(Values(await JsonAsync("registers", "cnp_num", "7")), Is.EqualTo(new ulong[] { 2 }), "reset-slot would have zeroed it too");
    }

    [Test]
    public async Task ResetRegister_ControlPacketsChosen_ResetsTheWholeSlot()
    {
        await _esw.MakeTrafficAsync();
        JsonObject reset = await JsonAsync("reset-register", "alpha", "7", "--yes", "--election-id", Election, "--register-path", "control-packets");
        Assert.That(reset["path"]!.GetValue<string>(), Is.EqualTo("control-packets"));
        Assert.That(reset["note"]!.GetValue<string>(), Does.Contain("every per-slot register"));
        Assert.That(Values(await JsonAsync("registers", "cnp_num", "7")), Is.EqualTo(new ulong[] { 0 }));
        Assert.That(Values(await JsonAsync("registers", "cnp_time", "7")), Is.EqualTo(new ulong[] { 0 }));
    }

    [Test]
    public async Task ResetRegister_VerifiedPairsByControlPacket_ClearsThePair()
    {
        ulong pair = (0x0A000001UL << 32) | 0x0A010002UL;
        await using (P4RuntimeClient client = await _esw.ConnectAsync())
        {
            await client.ModifyAsync([_esw.Index.RegisterValue("verified_pairs", 17, pair), _esw.Index.RegisterValue("verified_pairs", 18, pair + 1)]);
        }

        Assert.That(Values(await JsonAsync("registers", "verified_pairs", "17..18")), Is.EqualTo(new[] { pair, pair + 1 }));
        await JsonAsync("reset-register", "verified_pairs", "17", "--yes", "--election-id", Election, "--register-path", "control-packets");
        Assert.That(Values(await JsonAsync("registers", "verified_pairs", "17..18")), Is.EqualTo(new[] { 0UL, pair + 1 }));
    }

    [Test]
    public async Task Pairs_AfterAnOutboundSynAck_ListsThePairTheHandshakeMonitorVerified()
    {
        await _esw.SendSynAckAsync(RunningEsw.A);
        JsonObject pairs = await JsonAsync("pairs");
        Assert.That(pairs["source"]!.GetValue<string>(), Is.EqualTo("switch"));
        JsonNode pair = pairs["pairs"]!.AsArray().Single()!;
        Assert.That(pair["localIp"]!.GetValue<string>(), Is.EqualTo("10.0.0.1"));
        Assert.That(pair["remoteIp"]!.GetValue<string>(), Is.EqualTo("10.1.0.2"));
        Assert.That(pair["index"]!.GetValue<long>(), Is.EqualTo(EswHash.PairIndex(RunningEsw.A.LocalIp, RunningEsw.A.RemoteIp)));
    }
}
