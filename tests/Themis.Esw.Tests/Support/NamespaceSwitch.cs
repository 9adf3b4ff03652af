using System.Diagnostics;
using System.Globalization;
using System.Text;

using Themis.Tests.Shared;

namespace Themis.Esw.Tests.Support;

/// <summary>
/// The path a BMv2 user takes, with themis-switch in BMv2's place: a network namespace holding the switch's ends of
/// one veth pair per switch port, a separate <c>themis-switch</c> process in that namespace bound to them with
/// <c>-i PORT@IFACE</c>, and its P4Runtime server reached over a management veth pair. The test keeps the other
/// end of each port's pair and talks to it through libpcap. Everything is removed on dispose, and a namespace left
/// behind by a killed run is removed by the next run. Needs root and iproute2.
/// </summary>
public sealed class NamespaceSwitch : IAsyncDisposable
{
    private const string Prefix = "themis-esw-";
    private readonly string _namespace;
    private readonly string _managementHostSide;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private NamespaceSwitch(string ns, string managementHostSide, Uri address, IReadOnlyDictionary<uint, string> testInterfaces)
    {
        _namespace = ns;
        _managementHostSide = managementHostSide;
        Address = address;
        TestInterfaces = testInterfaces;
    }

    /// <summary>The switch's P4Runtime address (inside the namespace, reached over the management link).</summary>
    public Uri Address { get; }

    /// <summary>Switch port → the interface the test uses to reach it (in the test's namespace).</summary>
    public IReadOnlyDictionary<uint, string> TestInterfaces { get; }

    /// <summary>What the switch process wrote so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>THEMIS_SWITCH_LOG: a file that receives the switch's console log with per-packet traces (for debugging).</summary>
    private static string? LogFile => Environment.GetEnvironmentVariable("THEMIS_SWITCH_LOG") is { Length: > 0 } f ? f : null;

    /// <summary>The built themis-switch.dll (THEMIS_SWITCH_DLL overrides), or null.</summary>
    public static string? SwitchDll()
    {
        string? path = Environment.GetEnvironmentVariable("THEMIS_SWITCH_DLL") is { Length: > 0 } chosen
            ? chosen
            : BuiltToolAttribute.Find("themis-switch");
        return path is not null && File.Exists(path) ? path : null;
    }

    /// <summary>Null when this machine can run the namespace backend, else why not.</summary>
    public static string? WhyUnavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "network namespaces need Linux";
        }

        if (!Environment.IsPrivilegedProcess)
        {
            return "creating a network namespace and veth pairs needs root";
        }

        if (FindOnPath("ip") is null)
        {
            return "iproute2 ('ip') is not installed (apt-get install -y iproute2)";
        }

        return SwitchDll() is null ? "the themis-switch build output was not found next to the sources (build src/Themis.Switch.Host)" : null;
    }

    public static async Task<NamespaceSwitch> StartAsync(IReadOnlyList<uint> ports, uint cpuPort, CancellationToken cancellationToken)
    {
        await RemoveStaleNamespacesAsync(cancellationToken).ConfigureAwait(false);
        int id = Environment.ProcessId % 100_000;
        string ns = Prefix + id.ToString(CultureInfo.InvariantCulture);
        string tag = "te" + id.ToString(CultureInfo.InvariantCulture);
        var testInterfaces = new Dictionary<uint, string>();
        string mgmtHost = tag + "m0", mgmtSwitch = tag + "m1";
        // 169.254/16 (link-local) for the management link: never routed, unlikely to clash.
        string hostIp = $"169.254.{(id % 250) + 1}.1", switchIp = $"169.254.{(id % 250) + 1}.2";
        var sw = new NamespaceSwitch(ns, mgmtHost, new Uri($"http://{switchIp}:9559"), testInterfaces);
        try
        {
            await IpAsync(cancellationToken, "netns", "add", ns).ConfigureAwait(false);
            await IpAsync(cancellationToken, "-n", ns, "link", "set", "lo", "up").ConfigureAwait(false);
            var bindings = new List<string>();
            foreach (uint port in ports)
            {
                string hostSide = $"{tag}h{port}", switchSide = $"{tag}s{port}";
                await IpAsync(cancellationToken, "link", "add", hostSide, "type", "veth", "peer", "name", switchSide, "netns", ns).ConfigureAwait(false);
                // No IPv6 on data ports: the kernel would otherwise send router solicitations and MLD reports into the switch.
                await File.WriteAllTextAsync($"/proc/sys/net/ipv6/conf/{hostSide}/disable_ipv6", "1", cancellationToken).ConfigureAwait(false);
                await RunAsync("ip", ["netns", "exec", ns, "sh", "-c", $"echo 1 > /proc/sys/net/ipv6/conf/{switchSide}/disable_ipv6"], cancellationToken).ConfigureAwait(false);
                await IpAsync(cancellationToken, "link", "set", hostSide, "up").ConfigureAwait(false);
                await IpAsync(cancellationToken, "-n", ns, "link", "set", switchSide, "up").ConfigureAwait(false);
                testInterfaces[port] = hostSide;
                bindings.Add("-i");
                bindings.Add($"{port}@{switchSide}");
            }

            await IpAsync(cancellationToken, "link", "add", mgmtHost, "type", "veth", "peer", "name", mgmtSwitch, "netns", ns).ConfigureAwait(false);
            await IpAsync(cancellationToken, "addr", "add", hostIp + "/30", "dev", mgmtHost).ConfigureAwait(false);
            await IpAsync(cancellationToken, "link", "set", mgmtHost, "up").ConfigureAwait(false);
            await IpAsync(cancellationToken, "-n", ns, "addr", "add", switchIp + "/30", "dev", mgmtSwitch).ConfigureAwait(false);
            await IpAsync(cancellationToken, "-n", ns, "link", "set", mgmtSwitch, "up").ConfigureAwait(false);

            // Exactly a BMv2 command line, with themis-switch in simple_switch_grpc's place.
            List<string> args =
            [
                "netns", "exec", ns, ProgramRun.DotnetHost(), "exec", SwitchDll()!,
                "--device-id", "0", "--grpc-server-addr", $"{switchIp}:9559", "--cpu-port", cpuPort.ToString(CultureInfo.InvariantCulture), "--strict-bmv2",
                .. bindings,
            ];
            if (LogFile is not null)
            {
                args.Add("--log-console");
            }

            var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            args.ForEach(info.ArgumentList.Add);
            sw._process = Process.Start(info) ?? throw new InvalidOperationException("themis-switch could not be started.");
            sw._process.OutputDataReceived += (_, e) => sw.Append(e.Data);
            sw._process.ErrorDataReceived += (_, e) => sw.Append(e.Data);
            sw._process.BeginOutputReadLine();
            sw._process.BeginErrorReadLine();
            return sw;
        }
        catch
        {
            await sw.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public bool HasExited => _process is { HasExited: true };

    /// <summary>Waits for the start-up line themis-switch prints once it serves P4Runtime, or for it to exit.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains("P4Runtime on", StringComparison.Ordinal) && !HasExited)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"themis-switch did not start within {timeout.TotalSeconds} s:\n{Output}");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        if (HasExited)
        {
            // Let the redirected output drain, so the failure shows everything the switch said.
            await _process!.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException($"themis-switch exited at start with code {_process.ExitCode}:\n{Output}");
        }
    }

    /// <summary>Fails with the switch's output when the process has already exited.</summary>
    public void ThrowIfExited()
    {
        if (_process is { HasExited: true } p)
        {
            throw new InvalidOperationException($"themis-switch exited with code {p.ExitCode}:\n{Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                // Our own child, by its id: SIGTERM-like stop of the whole tree.
                _process.Kill(entireProcessTree: true);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    TestContext.Progress.WriteLine($"themis-switch (pid {_process.Id}) did not exit within 10 s.");
                }
            }

            _process.Dispose();
            _process = null;
        }

        if (LogFile is not null)
        {
            await File.WriteAllTextAsync(LogFile, Output, CancellationToken.None).ConfigureAwait(false);
        }

        // Deleting the namespace deletes the switch-side veth ends, and with them their peers.
        await RunAsync("ip", ["netns", "del", _namespace], CancellationToken.None, check: false).ConfigureAwait(false);
        await RunAsync("ip", ["link", "del", _managementHostSide], CancellationToken.None, check: false).ConfigureAwait(false);
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    /// <summary>Removes namespaces of earlier runs whose test process no longer exists.</summary>
    private static async Task RemoveStaleNamespacesAsync(CancellationToken cancellationToken)
    {
        string list = await RunAsync("ip", ["netns", "list"], cancellationToken, check: false).ConfigureAwait(false);
        foreach (string line in list.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string name = line.Split(' ')[0];
            if (name.StartsWith(Prefix, StringComparison.Ordinal)
                && int.TryParse(name[Prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                && pid != Environment.ProcessId % 100_000
                && !Directory.Exists($"/proc/{pid}"))
            {
                await RunAsync("ip", ["netns", "del", name], cancellationToken, check: false).ConfigureAwait(false);
            }
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Append("/usr/sbin").Append("/sbin")
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static Task IpAsync(CancellationToken cancellationToken, params string[] args) => RunAsync("ip", args, cancellationToken);

    private static async Task<string> RunAsync(string file, IReadOnlyList<string> args, CancellationToken cancellationToken, bool check = true)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        using Process process = Process.Start(info) ?? throw new InvalidOperationException($"{file} could not be started.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {string.Join(' ', args)}' failed ({process.ExitCode}): {await stderr.ConfigureAwait(false)}");
        }

        return await stdout.ConfigureAwait(false);
    }
}
