using System.Diagnostics;

namespace Themis.Packets.Tests.Support;

/// <summary>
/// Finds and runs decoders this project did not write (scapy, tshark). Absent tools skip the test, unless
/// THEMIS_REQUIRE_OUTSIDE_DECODERS=1 (as CI sets), which makes their absence a failure.
/// </summary>
internal static class OutsideTools
{
    public const string RequireVariable = "THEMIS_REQUIRE_OUTSIDE_DECODERS";
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    public static string DataFile(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "data", name);

    /// <summary>A python3 interpreter that can import scapy.contrib.roce, or a skip/failure naming what to install.</summary>
    public static async Task<string> RequirePythonWithScapyAsync()
    {
        foreach (var candidate in new[] { "/usr/bin/python3", "python3" })
        {
            var probe = await TryRunAsync(candidate, ["-c", "import scapy.contrib.roce"]).ConfigureAwait(false);
            if (probe is { ExitCode: 0 })
            {
                return candidate;
            }
        }

        Missing("python3 with scapy.contrib.roce was not found; install it with `apt-get install -y python3-scapy`.");
        return string.Empty;
    }

    /// <summary>The tshark executable, or a skip/failure naming what to install.</summary>
    public static async Task<string> RequireTsharkAsync()
    {
        var probe = await TryRunAsync("tshark", ["--version"]).ConfigureAwait(false);
        if (probe is { ExitCode: 0 })
        {
            return "tshark";
        }

        Missing("tshark was not found; install it with `apt-get install -y tshark`.");
        return string.Empty;
    }

    public static async Task<ToolResult> RunAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var result = await TryRunAsync(fileName, arguments).ConfigureAwait(false);
        Assert.That(result, Is.Not.Null, $"{fileName} could not be started.");
        return result!;
    }

    private static void Missing(string reason)
    {
        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            Assert.Fail($"{reason} ({RequireVariable}=1 makes this a failure.)");
        }

        Assert.Ignore(reason);
    }

    private static async Task<ToolResult?> TryRunAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process? process;
        try
        {
            process = Process.Start(info);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Not installed: the caller decides between skip and failure.
            return null;
        }

        if (process is null)
        {
            return null;
        }

        using (process)
        {
            using var timeout = new CancellationTokenSource(RunTimeout);
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{fileName} did not finish within {RunTimeout.TotalSeconds} s.");
            }

            return new ToolResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
    }
}
