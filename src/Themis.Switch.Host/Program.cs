using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Themis.Switch.Host;
using Themis.Switch.Ports;
using Themis.Switch.Server;

(HostOptions options, List<string> errors) = HostOptions.Parse(args);
if (options.Help)
{
    Console.WriteLine(HostOptions.Usage);
    return 0;
}

if (errors.Count > 0)
{
    foreach (string error in errors)
    {
        Console.Error.WriteLine($"themis-switch: {error}");
    }

    Console.Error.WriteLine(HostOptions.Usage);
    return 2;
}

if (options.P4File is not null)
{
    // Loading P4 source needs the front-end compiler, which is not wired in yet.
    Console.Error.WriteLine($"themis-switch: --p4 is not available yet: this build cannot compile P4 source. Start without --p4 and push the pipeline (P4Info) with SetForwardingPipelineConfig.");
    return 2;
}

using ILoggerFactory loggerFactory = options.LogConsole
    ? LoggerFactory.Create(b => b.AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Debug))
    : NullLoggerFactory.Instance;
using var shutdown = new CancellationTokenSource();
using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; shutdown.Cancel(); });
using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; shutdown.Cancel(); });

await using SwitchHost host = await SwitchHost.StartAsync(options.ToSwitchOptions(), options.ToServerOptions(), loggerFactory: loggerFactory);
foreach ((uint port, string iface) in options.Interfaces)
{
    try
    {
        host.Switch.AddPort(PcapPort.Open(port, iface));
    }
    catch (Exception e) when (e is ArgumentException or SharpPcap.PcapException or DllNotFoundException)
    {
        Console.Error.WriteLine($"themis-switch: cannot bind port {port} to {iface}: {e.Message}");
        return 1;
    }
}

Console.WriteLine($"themis-switch: device {options.DeviceId}, P4Runtime on {host.Address}, {options.Interfaces.Count} interface port(s), CPU port {options.CpuPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}{(options.StrictBmv2 ? ", strict BMv2 mode" : string.Empty)}, arbitration {options.Arbitration.ToString().ToLowerInvariant()}");
try
{
    await Task.Delay(Timeout.Infinite, shutdown.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("themis-switch: shutting down");
}

return 0;
