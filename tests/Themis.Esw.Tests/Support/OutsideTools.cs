using System.Diagnostics;

namespace Themis.Esw.Tests.Support;

/// <summary>
/// Decoders this project did not write: Debian's python3-scapy (scapy.contrib.roce) and tshark. Missing tools skip
/// the test, or fail it when THEMIS_REQUIRE_OUTSIDE_DECODERS=1 (as CI sets) — the same rule as Themis.Packets.Tests.
/// </summary>
public static class OutsideTools
{
    public const string RequireVariable = "THEMIS_REQUIRE_OUTSIDE_DECODERS";

    public static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);

    public static async Task<string> RequirePythonWithScapyAsync()
    {
        foreach (string candidate in new[] { "/usr/bin/python3", "python3" })
        {
            if (await TryRunAsync(candidate, ["-c", "import scapy.contrib.roce"]) is { ExitCode: 0 })
            {
                return candidate;
            }
        }

        Missing("python3 with scapy.contrib.roce was not found; install it with `apt-get install -y python3-scapy`.");
        return string.Empty;
    }

    public static async Task<string> RequireTsharkAsync()
    {
        if (await TryRunAsync("tshark", ["--version"]) is { ExitCode: 0 })
        {
            return "tshark";
        }

        Missing("tshark was not found; install it with `apt-get install -y tshark`.");
        return string.Empty;
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string file, IReadOnlyList<string> arguments)
    {
        var result = await TryRunAsync(file, arguments);
        Assert.That(result, Is.Not.Null, $"{file} could not be started.");
        return result!.Value;
    }

    public static void Missing(string reason)
    {
        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            Assert.Fail($"{reason} ({RequireVariable}=1 makes this a failure.)");
        }

        Assert.Ignore(reason);
    }

    private static async Task<(int ExitCode, string Output, string Error)?> TryRunAsync(string file, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
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
            // Not installed: the caller skips or fails.
            return null;
        }

        if (process is null)
        {
            return null;
        }

        using (process)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            Task<string> stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            Task<string> stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stdout, await stderr);
        }
    }
}
