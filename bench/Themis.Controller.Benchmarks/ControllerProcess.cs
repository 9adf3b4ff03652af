using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Themis.Controller.Benchmarks;

/// <summary>
/// The production controller binary (<c>themis-controller run</c>) in a process of its own, so its memory is
/// measured apart from the switch's: resident set and its peak from <c>/proc/PID/status</c> (VmRSS, VmHWM),
/// and the managed heap from the controller's own <c>/metrics</c>.
/// </summary>
internal sealed class ControllerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private long _logLines;

    private ControllerProcess(Process process, Uri metrics)
    {
        _process = process;
        Metrics = metrics;
    }

    public Uri Metrics { get; }

    /// <summary>Lines the controller wrote to its console (warnings and above).</summary>
    public long LogLines => Interlocked.Read(ref _logLines);

    public static ControllerProcess Start(string configPath, Uri switchAddress, IEnumerable<string> overrides)
    {
        int port = FreePort();
        string dll = Path.Combine(AppContext.BaseDirectory, "themis-controller.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { dll, "run", "--config", configPath, "--switch", switchAddress.ToString(), "--http", $"127.0.0.1:{port}", "--log-level", "warning" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (string o in overrides)
        {
            start.ArgumentList.Add("--set");
            start.ArgumentList.Add(o);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start the controller.");
        var controller = new ControllerProcess(process, new Uri($"http://127.0.0.1:{port}/metrics"));
        process.OutputDataReceived += (_, e) => controller.Count(e.Data);
        process.ErrorDataReceived += (_, e) => controller.Count(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return controller;
    }

    /// <summary>Waits until the controller reports itself primary.</summary>
    public async Task WaitPrimaryAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The controller process exited with code {_process.ExitCode}.");
            }

            try
            {
                if (await MetricAsync("themis_controller_primary", cancellationToken) == 1)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new TimeoutException($"The controller did not become primary within {timeout}.");
    }

    /// <summary>One sample (no labels) from the controller's /metrics, or null when absent.</summary>
    public async Task<double?> MetricAsync(string name, CancellationToken cancellationToken)
    {
        string text = await _http.GetStringAsync(Metrics, cancellationToken);
        foreach (string line in text.Split('\n'))
        {
            if (line.StartsWith(name + " ", StringComparison.Ordinal))
            {
                return double.Parse(line.AsSpan(name.Length + 1), CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    /// <summary>Resident set size and its peak, in bytes (Linux).</summary>
    public (long Rss, long Peak) Memory()
    {
        long rss = 0;
        long peak = 0;
        foreach (string line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) * 1024;
            }
        }

        return (rss, peak);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _http.Dispose();
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Count(string? line)
    {
        if (line is not null)
        {
            Interlocked.Increment(ref _logLines);
        }
    }
}
