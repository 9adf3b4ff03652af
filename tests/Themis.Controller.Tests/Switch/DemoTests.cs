using Themis.Controller.Host.Demo;
using Themis.Controller.Tests.Support;

namespace Themis.Controller.Tests.Switch;

/// <summary>
/// The main job, end to end with real packets: the embedded switch executes p4/v1model/themis_esw.p4 in strict
/// BMv2 mode, the controller runs the shipped config/esw.json against it, and the scenario's emulated hosts
/// check handshakes, registrations, PNP, TRP throttling and recovery, and teardown.
/// </summary>
[Category("Integration")]
[Category("Packet")]
public sealed class DemoTests
{
    // Also the regression test for reorder-free recovery: before loop exits were held to PSN order, about one
    // run in three delivered the last throttled packets ahead of earlier ones still circling the loop.
    [Test]
    [CancelAfter(60_000)]
    public async Task Demo_ShippedConfig_EveryCheckHolds(CancellationToken token)
    {
        var output = new StringWriter();
        var log = new TestLog { MinimumLevel = Microsoft.Extensions.Logging.LogLevel.Information };
        var demo = new DemoScenario(EswBench.ShippedConfigPath, [], EswBench.RepoRoot, output, log);

        int exit = await demo.RunAsync(token);

        if (exit != 0)
        {
            log.Dump(TestContext.Out);
        }

        TestContext.Out.WriteLine(output.ToString());
        Assert.That(exit, Is.Zero, output.ToString());
        Assert.That(output.ToString(), Does.Contain("every check held"));
        Assert.That(output.ToString(), Does.Match(@"PNP: [1-9]\d* CNPs generated"));
    }
}
