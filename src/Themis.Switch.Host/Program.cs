using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Themis.Switch.Host;
using Themis.Switch.Pipeline;
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

var compiler = new P4PipelineCompiler();
PipelineDefinition? initial = null;
if (options.P4File is not null)
{
    PipelineCompileResult compiled = compiler.CompileFile(options.P4File);
    if (!compiled.Succeeded)
    {
        foreach (string error in compiled.Errors)
        {
            Console.Error.WriteLine($"themis-switch: {error}");
        }

        Console.Error.WriteLine($"themis-switch: cannot load {options.P4File}; fix the errors above or start without --p4.");
        return 2;
    }

    initial = compiled.Definition;
}

// Warnings (packet-in or ingress drops, refused requests) are always shown, on standard error so they do not mix
// with the start-up lines scripts read; --log-console shows everything, with the per-packet trace.
using ILoggerFactory loggerFactory = LoggerFactory.Create(b => b
    .AddSimpleConsole(c => c.SingleLine = true)
    .AddConsole(c => c.LogToStandardErrorThreshold = options.LogConsole ? LogLevel.None : LogLevel.Warning)
    .SetMinimumLevel(options.LogConsole ? LogLevel.Debug : LogLevel.Warning)
    // The web host's own errors (e.g. a failed bind, with its stack trace) are reported by this program in one line.
    .AddFilter("Microsoft", options.LogConsole ? LogLevel.Debug : LogLevel.Critical));
using var shutdown = new CancellationTokenSource();
using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; shutdown.Cancel(); });
using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; shutdown.Cancel(); });

SwitchHost started;
try
{
    started = await SwitchHost.StartAsync(options.ToSwitchOptions(), options.ToServerOptions(), compiler, loggerFactory);
}
catch (IOException e)
{
    // Typically the P4Runtime address is in use (another switch is running).
    Console.Error.WriteLine($"themis-switch: {e.Message}");
    return 1;
}

await using SwitchHost host = started;
if (initial is not null)
{
    host.Runtime.Commit(initial);
    Console.WriteLine($"themis-switch: loaded {options.P4File} ({initial.P4Info.Tables.Count} tables, {initial.P4Info.Actions.Count} actions)");
}

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

Task dropMonitor = PortDropMonitor.RunAsync(host.Switch.Ports, loggerFactory.CreateLogger("Themis.Switch.Ports"), shutdown.Token);
Console.WriteLine($"themis-switch: device {options.DeviceId}, P4Runtime on {host.Address}, {options.Interfaces.Count} interface port(s), CPU port {options.CpuPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}{(options.StrictBmv2 ? ", strict BMv2 mode" : string.Empty)}, arbitration {options.Arbitration.ToString().ToLowerInvariant()}");
try
{
    await Task.Delay(Timeout.Infinite, shutdown.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("themis-switch: shutting down");
}

await dropMonitor;

return 0;
