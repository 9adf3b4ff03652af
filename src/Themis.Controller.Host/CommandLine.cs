using Microsoft.Extensions.Logging;

namespace Themis.Controller.Host;

/// <summary>The parsed command line: a command, the config file, overrides and the log level.</summary>
internal sealed record CommandLine(string Command, string ConfigPath, IReadOnlyList<string> Overrides, LogLevel LogLevel)
{
    public const string Usage = """
        themis-controller: the Themis ESW controller.

        Usage:
          themis-controller run   [--config FILE] [options]   connect to the switch and serve until Ctrl+C
          themis-controller check [--config FILE] [options]   validate the configuration and print it
          themis-controller demo  [--config FILE] [options]   run the ESW on this machine: the embedded switch with
                                                              p4/v1model/themis_esw.p4, this controller, and emulated
                                                              hosts (handshakes, registrations, PNP, TRP); exits 0 when
                                                              every check holds

        Options:
          --config FILE        configuration file (default: config/esw.json)
          --set KEY=VALUE      override any key, e.g. --set themis.alpha0=7 (repeatable; KEY=null restores the default)
          --switch URI         = --set switch.address=URI
          --device-id N        = --set switch.deviceId=N
          --election-id N      = --set switch.electionId=N
          --http ADDR:PORT     = --set http.listen=ADDR:PORT
          --log-level LEVEL    trace, debug, information (default; demo: warning), warning, error
        """;

    public static bool TryParse(string[] args, out CommandLine? commandLine, out string error)
    {
        commandLine = null;
        error = "";
        if (args.Length == 0 || args[0] is not ("run" or "check" or "demo"))
        {
            error = args.Length == 0 ? "Give a command." : $"Unknown command '{args[0]}'.";
            return false;
        }

        string config = "config/esw.json";
        var overrides = new List<string>();
        LogLevel level = args[0] == "demo" ? LogLevel.Warning : LogLevel.Information;
        for (int i = 1; i < args.Length; i++)
        {
            string option = args[i];
            if (i + 1 >= args.Length)
            {
                error = $"Option '{option}' needs a value.";
                return false;
            }

            string value = args[++i];
            switch (option)
            {
                case "--config":
                    config = value;
                    break;
                case "--set":
                    overrides.Add(value);
                    break;
                case "--switch":
                    overrides.Add($"switch.address={value}");
                    break;
                case "--device-id":
                    overrides.Add($"switch.deviceId={value}");
                    break;
                case "--election-id":
                    overrides.Add($"switch.electionId=\"{value}\"");
                    break;
                case "--http":
                    overrides.Add($"http.listen={value}");
                    break;
                case "--log-level":
                    if (!Enum.TryParse(value, ignoreCase: true, out level))
                    {
                        error = $"--log-level: '{value}' is not one of trace, debug, information, warning, error.";
                        return false;
                    }

                    break;
                default:
                    error = $"Unknown option '{option}'.";
                    return false;
            }
        }

        commandLine = new CommandLine(args[0], config, overrides, level);
        return true;
    }
}
