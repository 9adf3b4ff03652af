using System.Globalization;
using Themis.Switch.VethBench;

// Offered-load benchmark of the switch over veth pairs (run by run-veth-bench.sh inside a network
// namespace). The switch binds port 1 to --switch-in and port 2 to --switch-out with pcap, runs the
// basic IPv4 LPM program with a route to port 2; a generator sends 64-byte IPv4/UDP frames into the
// peer of port 1 at stepped rates and a sink counts what arrives on the peer of port 2.
var options = new VethOptions();
for (int i = 0; i + 1 < args.Length; i += 2)
{
    string value = args[i + 1];
    switch (args[i])
    {
        case "--switch-in": options.SwitchIn = value; break;
        case "--switch-out": options.SwitchOut = value; break;
        case "--generator": options.Generator = value; break;
        case "--sink": options.Sink = value; break;
        case "--rates": options.Rates = [.. value.Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture))]; break;
        case "--seconds": options.StepSeconds = double.Parse(value, CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine($"Unknown option {args[i]}; options: --switch-in IFACE --switch-out IFACE --generator IFACE --sink IFACE --rates R1,R2,... --seconds S");
            return 2;
    }
}

return await new VethBenchmark(options).RunAsync();
