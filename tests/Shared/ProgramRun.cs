using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Themis.Tests.Shared;

/// <summary>
/// Runs one of the project's programs (or any command) as an operator would and collects what it printed. When
/// <c>stopAt</c> is given, the program gets SIGTERM once a line of its standard output contains it, the way a
/// service manager or launcher script stops it. Compiled into each test project that runs programs.
/// </summary>
internal static class ProgramRun
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string file, IEnumerable<string> arguments, string? stopAt, CancellationToken cancellationToken,
        string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using Process process = Process.Start(info) ?? throw new InvalidOperationException($"{file} could not be started.");
        try
        {
            Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            var stdout = new StringBuilder();
            while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
            {
                stdout.AppendLine(line);
                if (stopAt is not null && line.Contains(stopAt, StringComparison.Ordinal))
                {
                    using Process kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])!;
                    await kill.WaitForExitAsync(cancellationToken);
                }
            }

            await process.WaitForExitAsync(cancellationToken);
            return (process.ExitCode, stdout.ToString(), await stderr);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true); // not left running after the test gave up on it
            throw;
        }
    }

    /// <summary>
    /// Runs a command to completion; null when it cannot be started (not installed), a TimeoutException when it
    /// does not finish within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)?> TryRunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await RunAsync(file, arguments, stopAt: null, cancel.Token);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"{file} did not finish within {timeout.TotalSeconds} s.");
        }
    }

    /// <summary>The dotnet host running the tests (DOTNET_HOST_PATH when the test runner sets it), for `dotnet exec`.</summary>
    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";
}
