using System.Diagnostics;
using Themis.Controller.Tests.Support;

namespace Themis.Controller.Tests.Host;

/// <summary>The themis-controller binary's command line, run as an operator runs it.</summary>
[Category("Integration")]
public sealed class CommandLineTests
{
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(CancellationToken token, params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "themis-controller.dll");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet && File.Exists(dotnet) ? dotnet : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = EswBench.RepoRoot,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(dll);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(token);
        Task<string> stderr = process.StandardError.ReadToEndAsync(token);
        await process.WaitForExitAsync(token);
        return (process.ExitCode, await stdout, await stderr);
    }

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
}
