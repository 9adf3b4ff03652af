using Themis.Cli.Tests.Support;

namespace Themis.Cli.Tests;

/// <summary>
/// Against a switch that refuses RegisterEntry reads and writes as BMv2 does (strict mode): themisctl falls back to
/// the ESW's control packets. The switch here holds the P4Info only and runs no program, so nothing answers them:
/// these are the failure paths. RunningEswStrictTests has the same path against the running ESW program.
/// </summary>
[Category("Integration")]
public sealed class StrictModeTests
{
    [Test]
    public async Task Registers_Unimplemented_FallsBackToControlPacketsAndSaysSo()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync(strict: true);
        CliResult result = await Themisctl.RunAsync(sw, "registers", "alpha", "3", "--election-id", "5", "--timeout", "0.5", "--verbose");
        Assert.That(result.Error, Does.Contain("UNIMPLEMENTED").And.Contain("control packets"));
        Assert.That(result.Error, Does.Contain("No answer to the ReadSlot control packet (index 3)"));
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Refused), result.ToString());
    }

    [Test]
    public async Task Registers_UnimplementedWithoutElectionId_AsksForOne()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync(strict: true);
        CliResult result = await Themisctl.RunAsync(sw, "registers", "alpha", "3");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage), result.ToString());
        Assert.That(result.Error, Does.Contain("--election-id"));
    }

    [Test]
    public async Task Pairs_UnimplementedAndNoControlPacketForIt_PointsAtTheController()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync(strict: true);
        CliResult result = await Themisctl.RunAsync(sw, "pairs", "--election-id", "5");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Refused), result.ToString());
        Assert.That(result.Error, Does.Contain("--controller"));
    }

    [Test]
    public async Task ResetRegister_Unimplemented_FallsBackToControlPackets()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync(strict: true);
        CliResult result = await Themisctl.RunAsync(sw, "reset-register", "cnp_cache", "4", "--yes", "--election-id", "5", "--timeout", "0.5", "--verbose");
        Assert.That(result.Error, Does.Contain("resetting through the ESW's control packets"));
        Assert.That(result.Error, Does.Contain("No answer to the ClearCache control packet (index 4)"));
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Refused));
    }

    [Test]
    public async Task Dump_StrictMode_StillWorks()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync(strict: true);
        CliResult result = await Themisctl.RunAsync(sw, "dump", "qp_field");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.ToString());
        Assert.That(result.Output, Does.Contain("10.0.0.5"));
    }
}
