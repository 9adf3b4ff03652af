using Themis.Switch.Engine;
using Themis.Switch.Server;

namespace Themis.Switch.Host;

/// <summary>Command-line options, modelled on simple_switch_grpc.</summary>
internal sealed record HostOptions
{
    public ulong DeviceId { get; init; }

    public string GrpcServerAddress { get; init; } = "127.0.0.1:9559";

    public List<(uint Port, string Interface)> Interfaces { get; init; } = [];

    public uint? CpuPort { get; init; }

    public bool LogConsole { get; init; }

    public string? P4File { get; init; }

    public bool StrictBmv2 { get; init; }

    public ArbitrationMode Arbitration { get; init; } = ArbitrationMode.Spec;

    public int PacketInQueue { get; init; } = new ServerOptions().PacketInQueueCapacity;

    public int IngressBuffer { get; init; } = new SwitchOptions().IngressBufferPackets;

    public bool Help { get; init; }

    public const string Usage = """
        Usage: themis-switch [options]
          --device-id N            P4Runtime device id (default 0)
          --grpc-server-addr H:P   P4Runtime listen address (default 127.0.0.1:9559)
          -i PORT@IFACE            bind a port to a Linux interface (repeatable), e.g. -i 1@veth1
          --cpu-port N             CPU port for PacketIn/PacketOut (not 0, not 511)
          --log-console            log to the console, with a per-packet trace
          --p4 FILE                start with this P4 program (P4Info derived from it)
          --strict-bmv2            refuse what BMv2's P4Runtime server refuses
          --arbitration spec|pi    primary election rule (default spec)
          --packet-in-queue N      packet-ins held per stream for a slow controller; beyond, punts are
                                   dropped, counted and warned about (default 4096)
          --ingress-buffer N       packets held in front of the pipeline; beyond, arrivals are dropped
                                   and counted (default 4096)
        Warnings (drops, refused requests) go to standard error; --log-console adds everything else.
        """;

    /// <summary>Parses arguments; returns every problem found.</summary>
    public static (HostOptions Options, List<string> Errors) Parse(IReadOnlyList<string> args)
    {
        var errors = new List<string>();
        var o = new HostOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string? Next()
            {
                if (i + 1 < args.Count)
                {
                    return args[++i];
                }

                errors.Add($"{arg} needs a value.");
                return null;
            }

            int? Positive(string? value)
            {
                if (value is null)
                {
                    return null;
                }

                if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) && n is > 0 and <= 1 << 24)
                {
                    return n;
                }

                errors.Add($"{arg} '{value}' must be a whole number from 1 to {1 << 24}.");
                return null;
            }

            switch (arg)
            {
                case "-h" or "--help":
                    o = o with { Help = true };
                    break;
                case "--device-id":
                    if (Next() is { } d)
                    {
                        if (ulong.TryParse(d, out ulong id))
                        {
                            o = o with { DeviceId = id };
                        }
                        else
                        {
                            errors.Add($"--device-id '{d}' is not a number.");
                        }
                    }

                    break;
                case "--grpc-server-addr":
                    if (Next() is { } a)
                    {
                        o = o with { GrpcServerAddress = a };
                    }

                    break;
                case "-i" or "--interface":
                    if (Next() is { } spec)
                    {
                        string[] parts = spec.Split('@', 2);
                        if (parts.Length == 2 && uint.TryParse(parts[0], out uint port) && parts[1].Length > 0)
                        {
                            o.Interfaces.Add((port, parts[1]));
                        }
                        else
                        {
                            errors.Add($"-i '{spec}' must look like PORT@IFACE, e.g. 1@veth1.");
                        }
                    }

                    break;
                case "--cpu-port":
                    if (Next() is { } c)
                    {
                        if (uint.TryParse(c, out uint cpu) && cpu is not 0 and < 511)
                        {
                            o = o with { CpuPort = cpu };
                        }
                        else
                        {
                            errors.Add($"--cpu-port '{c}' must be a port number from 1 to 510 (0 is refused by BMv2's PI, 511 is the drop port).");
                        }
                    }

                    break;
                case "--log-console":
                    o = o with { LogConsole = true };
                    break;
                case "--p4":
                    o = o with { P4File = Next() };
                    break;
                case "--strict-bmv2":
                    o = o with { StrictBmv2 = true };
                    break;
                case "--arbitration":
                    switch (Next())
                    {
                        case "spec":
                            o = o with { Arbitration = ArbitrationMode.Spec };
                            break;
                        case "pi":
                            o = o with { Arbitration = ArbitrationMode.Pi };
                            break;
                        case { } other:
                            errors.Add($"--arbitration '{other}' must be 'spec' or 'pi'.");
                            break;
                    }

                    break;
                case "--packet-in-queue":
                    if (Positive(Next()) is { } queue)
                    {
                        o = o with { PacketInQueue = queue };
                    }

                    break;
                case "--ingress-buffer":
                    if (Positive(Next()) is { } buffer)
                    {
                        o = o with { IngressBuffer = buffer };
                    }

                    break;
                default:
                    errors.Add($"Unknown option '{arg}'.");
                    break;
            }
        }

        try
        {
            SwitchHost.ParseEndpoint(o.GrpcServerAddress);
        }
        catch (ArgumentException e)
        {
            errors.Add(e.Message);
        }

        if (o.P4File is not null && !File.Exists(o.P4File))
        {
            errors.Add($"--p4 file '{o.P4File}' does not exist.");
        }

        foreach (var group in o.Interfaces.GroupBy(x => x.Port).Where(g => g.Count() > 1))
        {
            errors.Add($"Port {group.Key} is bound twice with -i.");
        }

        if (o.CpuPort is { } cpuPort && o.Interfaces.Any(x => x.Port == cpuPort))
        {
            errors.Add($"Port {cpuPort} is both the CPU port and an interface port.");
        }

        return (o, errors);
    }

    public SwitchOptions ToSwitchOptions() => new() { DeviceId = DeviceId, CpuPort = CpuPort, TracePackets = LogConsole, IngressBufferPackets = IngressBuffer };

    public ServerOptions ToServerOptions() => new() { Address = GrpcServerAddress, StrictBmv2 = StrictBmv2, Arbitration = Arbitration, PacketInQueueCapacity = PacketInQueue };
}
