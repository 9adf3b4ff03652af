using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Themis.Cli.Tests.Support;

namespace Themis.Cli.Tests;

/// <summary>Failures: exit codes, messages that say what was wrong, and the JSON error document.</summary>
[Category("Integration")]
public sealed class ErrorTests
{
    [Test]
    public async Task Dump_UnknownTable_ExitsNotFoundWithNearestNames()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync(populate: false);
        CliResult result = await Themisctl.RunAsync(sw, "dump", "qp_feild");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.NotFound), result.ToString());
        Assert.That(result.Error, Does.Contain("No table named 'qp_feild'").And.Contain("Did you mean 'qp_field'"));
        Assert.That(result.Output, Is.Empty);
    }

    [Test]
    public async Task Dump_UnknownTableWithJson_WritesTheErrorDocument()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync(populate: false);
        CliResult result = await Themisctl.RunAsync(sw, "dump", "cnp_stor", "--json");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.NotFound));
        JsonObject json = result.Json;
        Assert.That(json["version"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(json["command"]!.GetValue<string>(), Is.EqualTo("dump"));
        Assert.That(json["error"]!["exitCode"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(json["error"]!["kind"]!.GetValue<string>(), Is.EqualTo("not_found"));
        Assert.That(json["error"]!["suggestions"]!.AsArray().Select(s => s!.GetValue<string>()), Does.Contain("cnp_store"));
    }

    [Test]
    public async Task Registers_UnknownRegister_ExitsNotFound()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync(populate: false);
        CliResult result = await Themisctl.RunAsync(sw, "registers", "loop_nm");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.NotFound));
        Assert.That(result.Error, Does.Contain("'loop_num'"));
    }

    [Test]
    public async Task Registers_IndexOutOfRange_ExitsNotFoundNamingTheSize()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync(populate: false);
        CliResult result = await Themisctl.RunAsync(sw, "registers", "alpha", "1000..1030");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.NotFound));
        Assert.That(result.Error, Does.Contain("1024 cells (0..1023)"));
    }

    [Test]
    public async Task Registers_BadRange_IsAUsageError()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync(populate: false);
        CliResult result = await Themisctl.RunAsync(sw, "registers", "alpha", "5-9");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(result.Error, Does.Contain("FROM..TO"));
    }

    [Test]
    public async Task AnyCommand_SwitchUnreachable_ExitsUnreachable()
    {
        // A port nobody listens on: bind one, note it, release it.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        CliResult result = await Themisctl.RunAsync("tables", "--address", $"127.0.0.1:{port}", "--json");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Unreachable), result.ToString());
        Assert.That(result.Error, Does.Contain($"127.0.0.1:{port}"));
        Assert.That(result.Json["error"]!["kind"]!.GetValue<string>(), Is.EqualTo("unreachable"));
    }

    [Test]
    public async Task Tables_NoPipelineLoaded_ExitsRefusedSayingWhy()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync(loadPipeline: false);
        CliResult result = await Themisctl.RunAsync(sw, "tables");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Refused), result.ToString());
        Assert.That(result.Error, Does.Contain("pipeline"));
    }

    [Test]
    public async Task BadOption_IsAUsageError()
    {
        CliResult result = await Themisctl.RunAsync("tables", "--no-such-option");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
    }

    [Test]
    public async Task BadAddress_IsAUsageError()
    {
        CliResult result = await Themisctl.RunAsync("tables", "--address", "not an address");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(result.Error, Does.Contain("host:port"));
    }

    [Test]
    public async Task Help_Root_DocumentsExitCodesAndValueDecoding()
    {
        CliResult result = await Themisctl.RunAsync("--help");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok));
        Assert.That(result.Output, Does.Contain("Exit codes: 0 ok").And.Contain("as IPv4").And.Contain("flows").And.Contain("set-param"));
    }

    [Test]
    public async Task Flows_PipelineWithoutEswTables_ExitsNotFound()
    {
        await using var host = await Themis.Switch.Server.SwitchHost.StartAsync(
            new Themis.Switch.Engine.SwitchOptions { CpuPort = 255 }, new Themis.Switch.Server.ServerOptions { Address = "127.0.0.1:0" });
        await using (var client = await Themis.P4Runtime.P4RuntimeClient.ConnectAsync(new Themis.P4Runtime.P4RuntimeClientOptions { Address = host.Address }))
        {
            var p4Info = Themis.P4Runtime.Info.P4InfoIndex.Load(EswSwitch.DataPath("basic.p4info.txtpb")).P4Info;
            await client.SetForwardingPipelineConfigAsync(p4Info, Google.Protobuf.ByteString.Empty);
        }

        CliResult result = await Themisctl.RunWithAsync(null, "flows", "--address", host.Address.ToString());
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.NotFound), result.ToString());
        Assert.That(result.Error, Does.Contain("flows needs the ESW program"));
    }
}
