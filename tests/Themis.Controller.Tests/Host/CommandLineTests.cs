using Themis.Controller.Tests.Support;
using Themis.Tests.Shared;

namespace Themis.Controller.Tests.Host;

/// <summary>The themis-controller binary's command line, run as an operator runs it.</summary>
[Category("Integration")]
public sealed class CommandLineTests
{
    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(CancellationToken token, params string[] args) =>
        RunAsync(null, token, args);

    /// <summary>Runs themis-controller from the repository root; once its output contains <paramref name="stopAt"/> it gets SIGTERM.</summary>
    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string? stopAt, CancellationToken token, params string[] args) =>
        ProgramRun.RunAsync(
            ProgramRun.DotnetHost(), ["exec", Path.Combine(AppContext.BaseDirectory, "themis-controller.dll"), .. args], stopAt, token, EswBench.RepoRoot);

    [TestCase("--help")]
    [TestCase("-h")]
    [TestCase("help")]
    [CancelAfter(60_000)]
    public async Task Help_PrintsUsageAndSucceeds(string flag, CancellationToken token)
    {
        (int exit, string stdout, _) = await RunAsync(token, flag);

        Assert.That(exit, Is.Zero);
        Assert.That(stdout, Does.Contain("themis-controller run"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task UnknownCommand_Exit2WithUsage(CancellationToken token)
    {
        (int exit, _, string stderr) = await RunAsync(token, "serve");

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("Unknown command 'serve'"));
        Assert.That(stderr, Does.Contain("Usage:"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Check_BadOverride_NamesTheKey(CancellationToken token)
    {
        (int exit, string stdout, string stderr) = await RunAsync(token, "check", "--set", "themis.alpha0=\"many\"");

        Assert.That(exit, Is.Not.Zero);
        Assert.That(stdout + stderr, Does.Contain("themis.alpha0"));
    }

    // A service manager (or the testbed's launcher) stops the controller with SIGTERM: it must leave cleanly,
    // even while it is still trying to reach its switch.
    [Test]
    [CancelAfter(60_000)]
    public async Task Run_Sigterm_StopsCleanly(CancellationToken token)
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("stopped with SIGTERM through kill(1)");
        }

        (int exit, string stdout, string stderr) = await RunAsync("Connecting", token, "run", "--switch", "http://127.0.0.1:1", "--http", "127.0.0.1:0");

        Assert.That(exit, Is.Zero, stdout + stderr);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_StatusAddressInUse_ClearMessageExit1(CancellationToken token)
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        int port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        (int exit, string stdout, string stderr) = await RunAsync(token, "run", "--switch", "http://127.0.0.1:1", "--http", $"127.0.0.1:{port}");

        Assert.That(exit, Is.EqualTo(1), stdout + stderr);
        Assert.That(stderr, Does.StartWith("themis-controller: ").And.Contain("address already in use"));
        Assert.That(stderr, Does.Not.Contain("   at "), "no stack trace");
    }
}
