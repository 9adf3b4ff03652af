using System.CommandLine;
using System.Globalization;
using Themis.Cli.Connection;

namespace Themis.Cli;

/// <summary>The options every command accepts (declared once on the root command, recursively).</summary>
internal sealed class GlobalOptions
{
    public Option<string> Address { get; } = new("--address", "-a")
    {
        Description = "P4Runtime server: host:port (plaintext HTTP/2, as BMv2 serves) or http(s)://host:port.",
        DefaultValueFactory = _ => "127.0.0.1:9559",
        Recursive = true,
        HelpName = "host:port",
    };

    public Option<ulong> DeviceId { get; } = new("--device-id")
    {
        Description = "P4Runtime device id (BMv2's default is 0).",
        DefaultValueFactory = _ => 0UL,
        Recursive = true,
    };

    public Option<string?> ElectionId { get; } = new("--election-id")
    {
        Description = "Election id for commands that need primacy (changes, and register reads on switches that refuse "
            + "RegisterEntry reads). Read-only commands ignore it and open no arbitration stream.",
        Recursive = true,
        HelpName = "N",
    };

    public Option<string?> P4Info { get; } = new("--p4info")
    {
        Description = "P4Info file (text or binary); default: ask the switch (GetForwardingPipelineConfig).",
        Recursive = true,
        HelpName = "FILE",
    };

    public Option<string?> Controller { get; } = new("--controller")
    {
        Description = "Base URL of the controller's HTTP endpoint (e.g. http://127.0.0.1:9464), used by 'pairs'.",
        Recursive = true,
        HelpName = "URL",
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write one JSON document (schema version 1, see docs/themisctl.md) instead of tables.",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Say on stderr where the P4Info came from and which path read or wrote registers.",
        Recursive = true,
    };

    public Option<bool> Yes { get; } = new("--yes", "-y")
    {
        Description = "Make changes without asking. Without it, changes ask for confirmation, and are refused when no terminal can answer.",
        Recursive = true,
    };

    public Option<string> RegisterPath { get; } = new("--register-path")
    {
        Description = "How registers are read and reset: auto (P4Runtime RegisterEntry, falling back to the ESW's control packets "
            + "where the switch answers UNIMPLEMENTED, as BMv2 does), p4runtime (never fall back), control-packets (always; needs --election-id).",
        DefaultValueFactory = _ => "auto",
        Recursive = true,
        HelpName = "auto|p4runtime|control-packets",
    };

    public Option<double> Timeout { get; } = new("--timeout")
    {
        Description = "Seconds to wait for each answer from the switch.",
        DefaultValueFactory = _ => 10.0,
        Recursive = true,
        HelpName = "seconds",
    };

    public void AddTo(Command root)
    {
        root.Options.Add(Address);
        root.Options.Add(DeviceId);
        root.Options.Add(ElectionId);
        root.Options.Add(P4Info);
        root.Options.Add(Controller);
        root.Options.Add(Json);
        root.Options.Add(Verbose);
        root.Options.Add(Yes);
        root.Options.Add(RegisterPath);
        root.Options.Add(Timeout);
    }

    public CliSettings Read(ParseResult parse)
    {
        double timeout = parse.GetValue(Timeout);
        if (!(timeout > 0) || timeout > 3600)
        {
            throw CliException.Usage(string.Create(CultureInfo.InvariantCulture, $"--timeout {timeout} is not a number of seconds from 0 to 3600."));
        }

        Uri? controller = null;
        if (parse.GetValue(Controller) is { } c)
        {
            if (!Uri.TryCreate(c, UriKind.Absolute, out controller) || (controller.Scheme != Uri.UriSchemeHttp && controller.Scheme != Uri.UriSchemeHttps))
            {
                throw CliException.Usage($"--controller '{c}' is not an http(s) URL; write it like http://127.0.0.1:9464.");
            }
        }

        return new CliSettings
        {
            Address = CliSettings.ParseAddress(parse.GetValue(Address) ?? "127.0.0.1:9559"),
            DeviceId = parse.GetValue(DeviceId),
            ElectionId = parse.GetValue(ElectionId) is { } e ? CliSettings.ParseElectionId(e) : null,
            P4InfoPath = parse.GetValue(P4Info),
            Controller = controller,
            Json = parse.GetValue(Json),
            Verbose = parse.GetValue(Verbose),
            Yes = parse.GetValue(Yes),
            RegisterPath = CliSettings.ParseRegisterPath(parse.GetValue(RegisterPath) ?? "auto"),
            Timeout = TimeSpan.FromSeconds(timeout),
        };
    }
}
