using Themis.Esw.Tests.Support;
using Themis.Tests.Shared;

namespace Themis.Esw.Tests.Harness;

/// <summary>
/// The themis-switch binary's command line, run as an operator runs it: bad sizes are refused with the flag named
/// and exit code 2; good ones start the switch, which says where it listens.
/// </summary>
[Category("Integration")]
public sealed class SwitchHostCommandLineTests
{
    /// <summary>Runs themis-switch; once it prints a line containing <paramref name="stopAt"/> it gets SIGTERM.</summary>
    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string? stopAt, CancellationToken token, params string[] args)
    {
        string dll = NamespaceSwitch.SwitchDll() ?? throw new InconclusiveException("the themis-switch build output was not found");
        return ProgramRun.RunAsync(ProgramRun.DotnetHost(), ["exec", dll, .. args], stopAt, token);
    }

    [TestCase("--packet-in-queue", "0")]
    [TestCase("--packet-in-queue", "many")]
    [TestCase("--ingress-buffer", "-5")]
    [CancelAfter(60_000)]
    public async Task BadQueueSize_RefusedWithTheFlagNamed(string flag, string value, CancellationToken token)
    {
        (int exit, _, string stderr) = await RunAsync(null, token, flag, value);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain($"{flag} '{value}' must be a whole number from 1 to"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task QueueSizes_Accepted_SwitchServesAndStopsOnSigterm(CancellationToken token)
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("stopped with SIGTERM through kill(1)");
        }

        (int exit, string stdout, string stderr) = await RunAsync("P4Runtime on", token, "--grpc-server-addr", "127.0.0.1:0", "--packet-in-queue", "131072", "--ingress-buffer", "131072");

        Assert.That(stdout, Does.Contain("P4Runtime on http://127.0.0.1:"), stderr);
        Assert.That(stdout, Does.Contain("shutting down"));
        Assert.That(exit, Is.Zero, stderr);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task AddressInUse_RefusedWithAClearMessage(CancellationToken token)
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        int port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        (int exit, _, string stderr) = await RunAsync(null, token, "--grpc-server-addr", $"127.0.0.1:{port}");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr, Does.StartWith("themis-switch: ").And.Contain("address already in use"));
        Assert.That(stderr, Does.Not.Contain("   at "), "no stack trace");
    }
}
