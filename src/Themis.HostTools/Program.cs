using System.Net.Sockets;
using Themis.HostTools;
using Themis.Packets.Daemon;

// themis-host: the host side of Themis. `report` is the daemon's message to the ESW when an RDMA QP reaches
// RTR/RTS or is destroyed (docs/daemon-protocol.md); a QP-watching daemon or an application wrapper calls it.
const string Usage = "Usage: themis-host report create|destroy [options]   (themis-host report --help for the options)";
if (args is [] or ["-h" or "--help" or "help"])
{
    Console.WriteLine(Usage);
    Console.WriteLine();
    Console.WriteLine(ReportOptions.Usage);
    return args is [] ? 2 : 0;
}

if (args[0] != "report")
{
    Console.Error.WriteLine($"themis-host: unknown command '{args[0]}'.");
    Console.Error.WriteLine(Usage);
    return 2;
}

if (args is [_, "-h" or "--help"])
{
    Console.WriteLine(ReportOptions.Usage);
    return 0;
}

(ReportOptions? options, List<string> errors) = ReportOptions.Parse(args[1..]);
if (options is null)
{
    foreach (string error in errors)
    {
        Console.Error.WriteLine($"themis-host: {error}");
    }

    Console.Error.WriteLine(ReportOptions.Usage);
    return 2;
}

try
{
    (byte[] payload, Themis.Packets.IPv4.IPv4Address source) = DaemonReporter.Send(options, TimeProvider.System);
    string what = options.Event == DaemonEvent.QpReady
        ? $"QP 0x{options.LocalQpn:x} <-> {options.RemoteIp} QP 0x{options.RemoteQpn:x} ready"
        : $"QP 0x{options.LocalQpn:x} destroyed";
    string format = options.Format == DaemonFormat.V0 ? "v0" : options.Key is null ? "v1 unsigned" : $"v1 signed, key id {source}";
    Console.WriteLine($"themis-host: sent {what} from {source} to {options.ControlIp}:{options.Port} ({format}, {payload.Length} bytes, DSCP {options.Dscp})");
    return 0;
}
catch (SocketException e)
{
    Console.Error.WriteLine($"themis-host: cannot send to {options.ControlIp}:{options.Port}: {e.Message}");
    return 1;
}
