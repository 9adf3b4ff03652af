namespace Themis.Tests.Shared;

/// <summary>
/// Decoders and tools this project did not write (Debian's python3-scapy with scapy.contrib.roce, tshark, Mininet).
/// A missing one skips the test, or fails it when THEMIS_REQUIRE_OUTSIDE_DECODERS=1 (as CI sets). Compiled into
/// each test project that uses them.
/// </summary>
internal static class OutsideTools
{
    public const string RequireVariable = "THEMIS_REQUIRE_OUTSIDE_DECODERS";

    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    public static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);

    /// <summary>A python3 interpreter that can import scapy.contrib.roce, or a skip/failure naming what to install.</summary>
    public static async Task<string> RequirePythonWithScapyAsync()
    {
        foreach (string candidate in new[] { "/usr/bin/python3", "python3" })
        {
            if (await ProgramRun.TryRunAsync(candidate, ["-c", "import scapy.contrib.roce"], RunTimeout) is { ExitCode: 0 })
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
        if (await ProgramRun.TryRunAsync("tshark", ["--version"], RunTimeout) is { ExitCode: 0 })
        {
            return "tshark";
        }

        Missing("tshark was not found; install it with `apt-get install -y tshark`.");
        return string.Empty;
    }

    /// <summary>Runs an outside tool that a Require method found; fails the test when it cannot be started.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string file, IReadOnlyList<string> arguments)
    {
        var result = await ProgramRun.TryRunAsync(file, arguments, RunTimeout);
        Assert.That(result, Is.Not.Null, $"{file} could not be started.");
        return result!.Value;
    }

    /// <summary>Skips the test, or fails it when CI requires the outside tools.</summary>
    public static void Missing(string reason)
    {
        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            Assert.Fail($"{reason} ({RequireVariable}=1 makes this a failure.)");
        }

        Assert.Ignore(reason);
    }
}
