using System.CommandLine;

namespace Themis.Cli;

/// <summary>Options of <c>watch</c>, given to every view under it.</summary>
internal sealed class WatchOptions
{
    public Option<double> Interval { get; } = new("--interval", "-n")
    {
        Description = "Seconds between refreshes.",
        DefaultValueFactory = _ => 2.0,
        Recursive = true,
        HelpName = "seconds",
    };

    public Option<int> Count { get; } = new("--count")
    {
        Description = "Stop after this many refreshes (0: until Ctrl-C).",
        DefaultValueFactory = _ => 0,
        Recursive = true,
        HelpName = "N",
    };
}
