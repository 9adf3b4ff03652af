using System.CommandLine;

namespace Themis.Cli;

/// <summary>Attaches a view's producer to its command, once at top level and once under <c>watch</c>.</summary>
internal sealed class ViewBinder(CommandRunner runner, WatchOptions? watch)
{
    public CommandRunner Runner => runner;

    public bool IsWatch => watch is not null;

    public Command Bind(Command command, ReportProducer producer)
    {
        ArgumentNullException.ThrowIfNull(command);
        string name = command.Name;
        if (watch is null)
        {
            command.SetAction((parse, ct) => runner.RunAsync(name, parse, producer, ct));
            return command;
        }

        WatchOptions options = watch;
        command.SetAction((parse, ct) =>
        {
            double seconds = parse.GetValue(options.Interval);
            int count = parse.GetValue(options.Count);
            if (!(seconds > 0) || seconds > 86400 || count < 0)
            {
                return Task.FromResult(Usage(parse, $"watch {name}: --interval must be a positive number of seconds and --count at least 0."));
            }

            return runner.WatchAsync("watch " + name, parse, producer, TimeSpan.FromSeconds(seconds), count, ct);
        });
        return command;
    }

    private static int Usage(ParseResult parse, string message)
    {
        parse.InvocationConfiguration.Error.WriteLine("themisctl " + message);
        return ExitCodes.Usage;
    }
}
