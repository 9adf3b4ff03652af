using System.Globalization;
using Google.Protobuf;
using P4.Config.V1;
using Themis.P4Runtime.Info;

namespace Themis.Esw.Tests.Support;

/// <summary>
/// A switch reached over P4Runtime whose ports are Linux interfaces. Configured by environment variables
/// (docs/packet-tests.md): THEMIS_REMOTE_ADDRESS, THEMIS_REMOTE_DEVICE_ID, THEMIS_REMOTE_P4INFO,
/// THEMIS_REMOTE_DEVICE_CONFIG, THEMIS_REMOTE_PORTS. Without them, when running as root with iproute2, the run
/// creates its own: a themis-switch process in a network namespace with veth ports (<see cref="NamespaceSwitch"/>);
/// THEMIS_REMOTE_NETNS=0 turns that off. Unavailable → the fixtures are skipped with the reason, or fail when
/// THEMIS_REQUIRE_REMOTE=1.
/// </summary>
public static class RemoteTarget
{
    public const string RequireVariable = "THEMIS_REQUIRE_REMOTE";

    private const string InterfaceModeBug = "Requested DeviceModes is not supported";

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;

    /// <summary>Null when a remote switch is configured or can be created here, else why not.</summary>
    public static string? WhyUnavailable()
    {
        if (Env("THEMIS_REMOTE_ADDRESS") is not null)
        {
            return null;
        }

        if (Env("THEMIS_REMOTE_NETNS") == "0")
        {
            return "no remote switch is configured (set THEMIS_REMOTE_ADDRESS and THEMIS_REMOTE_PORTS, see docs/packet-tests.md) and THEMIS_REMOTE_NETNS=0";
        }

        return NamespaceSwitch.WhyUnavailable() is { } why
            ? $"no remote switch is configured (set THEMIS_REMOTE_ADDRESS and THEMIS_REMOTE_PORTS, see docs/packet-tests.md), and a local one in a network namespace cannot be created: {why}"
            : null;
    }

    /// <summary>Skips the fixture with <paramref name="reason"/>, or fails it when THEMIS_REQUIRE_REMOTE=1.</summary>
    public static void Unavailable(string reason)
    {
        if (Env(RequireVariable) == "1")
        {
            Assert.Fail($"Remote switch required ({RequireVariable}=1) but unavailable: {reason}");
        }

        Assert.Ignore($"Remote switch tests skipped: {reason}");
    }

    public static async Task<SwitchSession> StartAsync(CancellationToken cancellationToken)
    {
        if (Env("THEMIS_REMOTE_ADDRESS") is { } address)
        {
            return await StartConfiguredAsync(address, cancellationToken).ConfigureAwait(false);
        }

        NamespaceSwitch sw = await NamespaceSwitch.StartAsync(EswTopology.DataPorts, EswTopology.CpuPort, cancellationToken).ConfigureAwait(false);
        try
        {
            var ports = new Dictionary<uint, ITestPort>();
            foreach ((uint port, string iface) in sw.TestInterfaces)
            {
                ports[port] = PcapTestPort.Open(port, iface);
            }

            SwitchSession session;
            try
            {
                await sw.WaitReadyAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
                session = await SwitchSession.StartAsync(
                    Target.Remote, $"themis-switch process at {sw.Address} in a network namespace, veth ports ({string.Join(", ", sw.TestInterfaces.Select(p => $"{p.Key}={p.Value}"))})",
                    sw.Address, 0, EswProgram.P4Info, EswProgram.DeviceConfig, ports, sw, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (sw.HasExited && sw.Output.Contains(InterfaceModeBug, StringComparison.Ordinal))
                {
                    // A themis-switch defect, not this run's: it cannot open Linux interfaces at all (see the reason).
                    Unavailable($"the themis-switch build cannot bind -i ports on Linux: PcapPort opens them with DeviceModes.NoCaptureLocal, "
                        + $"which libpcap supports only on Windows (SharpPcap: \"{InterfaceModeBug}\"). Its output:\n{sw.Output}");
                }

                sw.ThrowIfExited();
                throw new InvalidOperationException($"{e.Message}\nthemis-switch output:\n{sw.Output}", e);
            }

            // The process is this build's themis-switch, so it can run programs exactly when the in-process switch can.
            if (!await EmbeddedTarget.BuildExecutesProgramsAsync(cancellationToken).ConfigureAwait(false))
            {
                session.SetCannotExecute(EmbeddedTarget.CannotExecuteReason);
            }

            return session;
        }
        catch
        {
            await sw.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<SwitchSession> StartConfiguredAsync(string address, CancellationToken cancellationToken)
    {
        var uri = new Uri(address.Contains("://", StringComparison.Ordinal) ? address : "http://" + address);
        ulong deviceId = ulong.TryParse(Env("THEMIS_REMOTE_DEVICE_ID"), NumberStyles.None, CultureInfo.InvariantCulture, out ulong d) ? d : 0;
        P4Info p4Info = Env("THEMIS_REMOTE_P4INFO") is { } p4InfoFile ? P4InfoIndex.Load(p4InfoFile).P4Info : EswProgram.P4Info;
        ByteString deviceConfig = Env("THEMIS_REMOTE_DEVICE_CONFIG") is { } configFile
            ? ByteString.CopyFrom(await File.ReadAllBytesAsync(configFile, cancellationToken).ConfigureAwait(false))
            : EswProgram.DeviceConfig;
        string portsText = Env("THEMIS_REMOTE_PORTS")
            ?? throw new InvalidOperationException("THEMIS_REMOTE_ADDRESS is set but THEMIS_REMOTE_PORTS is not; give the test-side interface of every switch port, e.g. 1=veth1,2=veth3,3=veth5,4=veth7,5=veth9.");
        var interfaces = new Dictionary<uint, string>();
        foreach (string pair in portsText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] parts = pair.Split('=', 2);
            if (parts.Length != 2 || !uint.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out uint port))
            {
                throw new InvalidOperationException($"THEMIS_REMOTE_PORTS entry '{pair}' must look like PORT=IFACE, e.g. 1=veth1.");
            }

            interfaces[port] = parts[1];
        }

        uint[] missing = [.. EswTopology.DataPorts.Where(p => !interfaces.ContainsKey(p))];
        if (missing.Length > 0)
        {
            throw new InvalidOperationException($"THEMIS_REMOTE_PORTS has no interface for switch port(s) {string.Join(", ", missing)}; the tests use ports {string.Join(", ", EswTopology.DataPorts)}.");
        }

        var ports = interfaces.ToDictionary(p => p.Key, p => (ITestPort)PcapTestPort.Open(p.Key, p.Value));
        return await SwitchSession.StartAsync(
            Target.Remote, $"switch at {uri} (device {deviceId}), ports {portsText}", uri, deviceId, p4Info, deviceConfig, ports,
            owner: null, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
    }
}
