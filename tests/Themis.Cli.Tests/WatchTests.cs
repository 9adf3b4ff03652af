using System.Text.Json.Nodes;
using Themis.Cli.Tests.Support;

namespace Themis.Cli.Tests;

/// <summary><c>watch</c>: refreshes a view, as text or one JSON document per line, until a count or Ctrl-C.</summary>
[Category("Integration")]
public sealed class WatchTests
{
    [Test]
    public async Task Watch_Count_RefreshesThatManyTimes()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync();
        CliResult result = await Themisctl.RunAsync(sw, "watch", "tables", "--interval", "0.05", "--count", "3");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.ToString());
        Assert.That(result.Output.Split("themisctl watch tables").Length - 1, Is.EqualTo(3));
    }

    [Test]
    public async Task Watch_Json_WritesOneDocumentPerLine()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync();
        CliResult result = await Themisctl.RunAsync(sw, "watch", "flows", "--interval", "0.05", "--count", "2", "--json");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.ToString());
        string[] lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(2));
        foreach (string line in lines)
        {
            JsonObject doc = JsonNode.Parse(line)!.AsObject();
            Assert.That(doc["command"]!.GetValue<string>(), Is.EqualTo("flows"));
            Assert.That(doc["result"]!["flows"]!.AsArray(), Has.Count.EqualTo(2));
        }
    }

    [Test]
    public async Task Watch_Cancelled_EndsWithExitCodeZero()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        int exit = await ThemisCtl.RunAsync(["watch", "counters", "--interval", "0.1", "--address", sw.Address], output, error, new CliEnvironment(), cts.Token);
        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), error.ToString());
        Assert.That(output.ToString(), Does.Contain("pnp_cnp_generated"));
    }
}
