using System.Text.Json.Nodes;
using P4.V1;
using Themis.Cli.Tests.Support;
using Themis.P4Runtime.Encoding;

namespace Themis.Cli.Tests;

/// <summary>The guarded changes: what they write, and when they refuse to.</summary>
[Category("Integration")]
public sealed class ChangeCommandTests
{
    private static readonly string[] Flow = ["qp_field", "ipv4_src=10.0.0.9", "ipv4_dst=10.1.0.77", "dest_qp=0x123"];

    [Test]
    public async Task Insert_WithYesAndElectionId_InstallsTheEntry()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync();
        CliResult result = await Themisctl.RunAsync(sw, ["insert", .. Flow, "action=set_qp_field", "local_qpn=0x456", "slot=12", "--yes", "--election-id", "5", "--json"]);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.ToString());
        Assert.That(result.Json["result"]!["applied"]!.GetValue<bool>(), Is.True);
        List<TableEntry> entries = await sw.ReadTableAsync("qp_field");
        TableEntry added = entries.Single(e => P4Bytes.DecodeUInt64(e.Match.Single(m => m.FieldId == 3).Exact.Value, 24) == 0x123);
        Assert.That(P4Bytes.DecodeUInt64(added.Action.Action.Params.Single(p => p.ParamId == 2).Value, 16), Is.EqualTo(12UL));
    }

    [Test]
    public async Task Insert_Lpm_WritesThePrefix()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync();
        CliResult result = await Themisctl.RunAsync(sw, "insert", "routing_v4", "ipv4_dst=10.7.0.0/16", "action=set_next_hop", "port=3", "dmac=02:00:00:00:07:01", "-y", "--election-id", "5");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.ToString());
        Assert.That(result.Output, Does.Contain("Inserted into routing_v4: ipv4_dst=10.7.0.0/16 -> set_next_hop(port=3, dmac=02:00:00:00:07:01)"));
        Assert.That((await sw.ReadTableAsync("routing_v4")).Count(e => e.Match[0].Lpm.PrefixLen == 16), Is.EqualTo(2));
    }

    [Test]
    public async Task Insert_NonInteractiveWithoutYes_IsRefusedAndChangesNothing()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync();
        CliResult result = await Themisctl.RunAsync(sw, ["insert", .. Flow, "action=set_qp_field", "local_qpn=1", "slot=12", "--election-id", "5"]);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage), result.ToString());
        Assert.That(result.Error, Does.Contain("pass --yes"));
        Assert.That(await sw.ReadTableAsync("qp_field"), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Insert_InteractiveConfirmed_Applies()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync();
        var environment = new CliEnvironment { IsInteractive = true, Input = new StringReader("y\n") };
        CliResult result = await Themisctl.RunWithAsync(environment, ["insert", .. Flow, "action=set_qp_field", "local_qpn=1", "slot=12", "--election-id", "5", "--address", sw.Address]);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.ToString());
        Assert.That(result.Error, Does.Contain("Insert into qp_field: ipv4_src=10.0.0.9 ipv4_dst=10.1.0.77 dest_qp=0x000123 -> set_qp_field(local_qpn=0x000001, slot=12)").And.Contain("[y/N]"));
        Assert.That(await sw.ReadTableAsync("qp_field"), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Insert_InteractiveDeclined_ChangesNothing()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync();
        var environment = new CliEnvironment { IsInteractive = true, Input = new StringReader("n\n") };
        CliResult result = await Themisctl.RunWithAsync(environment, ["insert", .. Flow, "action=set_qp_field", "local_qpn=1", "slot=12", "--election-id", "5", "--address", sw.Address]);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(result.Error, Does.Contain("Not confirmed"));
        Assert.That(await sw.ReadTableAsync("qp_field"), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Insert_WithoutElectionId_IsAUsageErrorThatExplainsPrimacy()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync();
        CliResult result = await Themisctl.RunAsync(sw, ["insert", .. Flow, "action=set_qp_field", "local_qpn=1", "slot=12", "--yes"]);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(result.Error, Does.Contain("--election-id"));
    }

    [Test]
    public async Task Insert_Duplicate_ExitsRefusedWithTheSwitchsError()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync();
        CliResult result = await Themisctl.RunAsync(sw, "insert", "qp_field", "ipv4_src=10.0.0.1", "ipv4_dst=10.1.0.2", "dest_qp=0x201",
            "action=set_qp_field", "local_qpn=1", "slot=3", "--yes", "--election-id", "5");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Refused), result.ToString());
        Assert.That(result.Error, Does.Contain("ALREADY_EXISTS"));
    }

    [Test]
    public async Task Insert_UnknownParameter_ExitsNotFoundWithSuggestion()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync();
        CliResult result = await Themisctl.RunAsync(sw, ["insert", .. Flow, "action=set_qp_field", "local_qp=1", "slot=12", "--yes", "--election-id", "5"]);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.NotFound), result.ToString());
        Assert.That(result.Error, Does.Contain("'local_qpn'"));
    }

    [Test]
    public async Task Insert_ValueTooWide_IsAUsageError()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync();
        CliResult result = await Themisctl.RunAsync(sw, ["insert", .. Flow, "action=set_qp_field", "local_qpn=0x1000000", "slot=12", "--yes", "--election-id", "5"]);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage), result.ToString());
        Assert.That(result.Error, Does.Contain("local_qpn"));
    }

    [Test]
    public async Task Delete_ExistingEntry_RemovesIt()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync();
        CliResult result = await Themisctl.RunAsync(sw, "delete", "qp_field", "ipv4_src=10.0.0.1", "ipv4_dst=10.1.0.2", "dest_qp=0x201", "--yes", "--election-id", "5");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.ToString());
        Assert.That(await sw.ReadTableAsync("qp_field"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Delete_MissingEntry_ExitsNotFound()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync();
        CliResult result = await Themisctl.RunAsync(sw, ["delete", .. Flow, "--yes", "--election-id", "5"]);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.NotFound), result.ToString());
    }

    [Test]
    public async Task Delete_TernaryTableWithPriority_RemovesIt()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync();
        CliResult result = await Themisctl.RunAsync(sw, "delete", "acl", "ipv4_src=10.9.0.0&&&255.255.0.0", "l4_dport=1000..2000", "priority=10", "--yes", "--election-id", "5");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.ToString());
        Assert.That(await sw.ReadTableAsync("acl"), Is.Empty);
    }

    [Test]
    public async Task SetParam_OneParameter_KeepsTheOthers()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync();
        CliResult result = await Themisctl.RunAsync(sw, "set-param", "alpha0", "7", "--yes", "--election-id", "5", "--json");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.ToString());
        Assert.That(result.Json["result"]!["old"]!.GetValue<string>(), Is.EqualTo("0x0005"));

        CliResult dump = await Themisctl.RunAsync(sw, "dump", "themis_params");
        Assert.That(dump.Output, Does.Contain("set_params(cnp_interval=50, alpha0=7, beta=500, cnp_dscp=48, switch_mac=02:00:00:00:00:fe, "
            + "control_ip=10.0.0.254, daemon_port=12345, loop_port=9, direct_recovery=0, passive_handshake=0)"));
    }

    [Test]
    public async Task SetParam_UnknownParameter_ExitsNotFoundWithSuggestion()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync();
        CliResult result = await Themisctl.RunAsync(sw, "set-param", "alpha", "7", "--yes", "--election-id", "5");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.NotFound), result.ToString());
        Assert.That(result.Error, Does.Contain("'alpha0'"));
    }

    [Test]
    public async Task ResetRegister_Range_ZeroesOnlyThoseCells()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync();
        CliResult result = await Themisctl.RunAsync(sw, "reset-register", "alpha", "5..7", "--yes", "--election-id", "5", "--json");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.ToString());
        Assert.That(result.Json["result"]!["path"]!.GetValue<string>(), Is.EqualTo("p4runtime"));
        JsonObject after = (await Themisctl.RunAsync(sw, "registers", "cnp_num", "--json")).Json;
        Assert.That(after["result"]!["cells"]!.AsArray(), Has.Count.EqualTo(1), "cnp_num is a different register and keeps its value");
        JsonObject alpha = (await Themisctl.RunAsync(sw, "registers", "alpha", "--json")).Json;
        Assert.That(alpha["result"]!["cells"]!.AsArray(), Is.Empty);
    }
}
