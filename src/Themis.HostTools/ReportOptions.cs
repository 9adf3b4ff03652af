using System.Globalization;
using Themis.Packets.Daemon;
using Themis.Packets.IPv4;

namespace Themis.HostTools;

/// <summary>What `themis-host report` sends: one daemon report (docs/daemon-protocol.md) to the ESW's control IP.</summary>
internal sealed record ReportOptions
{
    public const string Usage = """
        Usage: themis-host report create|destroy [options]
          --control-ip IP        the ESW's control IP (its controller's controlIp)            required
          --local-qpn N          the QP on this host (decimal or 0x hex)                      required
          --remote-ip IP         the peer host                                                create only
          --remote-qpn N         the peer's QP                                                create only
          --key-file FILE        this host's daemon key, hex (as in the controller's daemon.keys)
          --key-hex HEX          the same key given inline (visible in the process list: prefer --key-file)
          --format v1|v0         v1 (default; signed when a key is given) or the original v0
          --port N               the controller's daemon port (default 12345)
          --dscp N               DSCP of the datagram (default 48: the lossless class CNPs use)
        Run it when a QP reaches RTR/RTS (create) and when it is destroyed; the source address the kernel picks for
        the control IP is the identity the controller checks the key against.
        """;

    private static readonly HashSet<string> Options =
        ["--control-ip", "--remote-ip", "--local-qpn", "--remote-qpn", "--key-hex", "--key-file", "--format", "--port", "--dscp"];

    public required DaemonEvent Event { get; init; }

    public required IPv4Address ControlIp { get; init; }

    public required uint LocalQpn { get; init; }

    public IPv4Address RemoteIp { get; init; }

    public uint RemoteQpn { get; init; }

    public byte[]? Key { get; init; }

    public DaemonFormat Format { get; init; } = DaemonFormat.V1;

    public ushort Port { get; init; } = 12345;

    public byte Dscp { get; init; } = 48;

    /// <summary>Parses the arguments after `report`; every problem is listed.</summary>
    public static (ReportOptions? Options, List<string> Errors) Parse(IReadOnlyList<string> args)
    {
        var errors = new List<string>();
        DaemonEvent? ev = args.Count > 0 ? args[0] switch
        {
            "create" => DaemonEvent.QpReady,
            "destroy" => DaemonEvent.QpDestroyed,
            _ => null,
        } : null;
        if (ev is null)
        {
            errors.Add(args.Count == 0 ? "Say what happened: create or destroy." : $"'{args[0]}' is not an event: use create or destroy.");
        }

        IPv4Address? controlIp = null, remoteIp = null;
        uint? localQpn = null, remoteQpn = null;
        byte[]? key = null;
        var format = DaemonFormat.V1;
        ushort port = 12345;
        byte dscp = 48;
        for (int i = ev is null ? 0 : 1; i < args.Count; i++)
        {
            string arg = args[i];
            if (!Options.Contains(arg))
            {
                errors.Add($"Unknown option '{arg}'.");
                continue;
            }

            string? value = i + 1 < args.Count ? args[++i] : null;
            if (value is null)
            {
                errors.Add($"{arg} needs a value.");
                break;
            }

            switch (arg)
            {
                case "--control-ip":
                    controlIp = Address(arg, value, errors);
                    break;
                case "--remote-ip":
                    remoteIp = Address(arg, value, errors);
                    break;
                case "--local-qpn":
                    localQpn = Qpn(arg, value, errors);
                    break;
                case "--remote-qpn":
                    remoteQpn = Qpn(arg, value, errors);
                    break;
                case "--key-hex":
                    key = HexKey(arg, value, errors);
                    break;
                case "--key-file":
                    try
                    {
                        key = HexKey(arg, File.ReadAllText(value).Trim(), errors);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        errors.Add($"--key-file '{value}': {e.Message}");
                    }

                    break;
                case "--format":
                    if (value is "v1" or "v0")
                    {
                        format = value == "v1" ? DaemonFormat.V1 : DaemonFormat.V0;
                    }
                    else
                    {
                        errors.Add($"--format '{value}' must be v1 or v0.");
                    }

                    break;
                case "--port":
                    if (ushort.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out ushort p) && p > 0)
                    {
                        port = p;
                    }
                    else
                    {
                        errors.Add($"--port '{value}' must be a UDP port from 1 to 65535.");
                    }

                    break;
                case "--dscp":
                    if (byte.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out byte d) && d < 64)
                    {
                        dscp = d;
                    }
                    else
                    {
                        errors.Add($"--dscp '{value}' must be from 0 to 63.");
                    }

                    break;
            }
        }

        if (controlIp is null)
        {
            errors.Add("--control-ip is required.");
        }

        if (localQpn is null)
        {
            errors.Add("--local-qpn is required.");
        }

        if (ev == DaemonEvent.QpReady && (remoteIp is null || remoteQpn is null))
        {
            errors.Add("create needs --remote-ip and --remote-qpn: the controller keys the entry by the peer.");
        }

        if (format == DaemonFormat.V0 && key is not null)
        {
            errors.Add("v0 has no authentication: drop the key or use --format v1.");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new ReportOptions
        {
            Event = ev!.Value,
            ControlIp = controlIp!.Value,
            LocalQpn = localQpn!.Value,
            RemoteIp = remoteIp ?? IPv4Address.Any,
            RemoteQpn = remoteQpn ?? 0,
            Key = key,
            Format = format,
            Port = port,
            Dscp = dscp,
        }, errors);
    }

    private static IPv4Address? Address(string flag, string value, List<string> errors)
    {
        if (IPv4Address.TryParse(value, CultureInfo.InvariantCulture, out IPv4Address address))
        {
            return address;
        }

        errors.Add($"{flag} '{value}' is not an IPv4 address.");
        return null;
    }

    private static uint? Qpn(string flag, string value, List<string> errors)
    {
        bool hex = value.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        if (uint.TryParse(hex ? value[2..] : value, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out uint qpn)
            && qpn <= Themis.Packets.RoCE.Bth.MaxQpn)
        {
            return qpn;
        }

        errors.Add($"{flag} '{value}' must be a QP number from 0 to 0xFFFFFF (24 bits).");
        return null;
    }

    private static byte[]? HexKey(string flag, string hex, List<string> errors)
    {
        try
        {
            byte[] key = Convert.FromHexString(hex);
            if (key.Length >= DaemonKeyRing.MinimumKeyLength)
            {
                return key;
            }

            errors.Add($"{flag}: the key is {key.Length} bytes; daemon keys are at least {DaemonKeyRing.MinimumKeyLength}.");
        }
        catch (FormatException)
        {
            errors.Add($"{flag}: the key must be hex digits, as in the controller's daemon.keys.");
        }

        return null;
    }
}
