using System.CommandLine;
using Themis.Cli.Commands;
using Themis.Cli.Formatting;

namespace Themis.Cli;

/// <summary>
/// The themisctl entry point: <c>await ThemisCtl.RunAsync(args, stdout, stderr, environment)</c> parses the command line,
/// runs the command and returns its exit code (<see cref="ExitCodes"/>). Everything it prints goes to the two writers.
/// </summary>
public static class ThemisCtl
{
    private const string Overview =
        "themisctl: see and change what a Themis ESW switch holds, over P4Runtime (BMv2 simple_switch_grpc, the embedded "
        + "switch, or any P4Runtime server). Read-only commands open no arbitration stream and need no primacy; changes need "
        + "--election-id and confirmation (--yes). " + ValueFormatter.RulesHelp + " "
        + "Exit codes: 0 ok, 1 usage error or change not confirmed, 2 unknown name or entry not found, 3 switch (or controller) "
        + "unreachable, 4 refused by the switch.";

    /// <summary>Runs one command line; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CliEnvironment? environment = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        environment ??= new CliEnvironment();
        RootCommand root = Build(output, error, environment);
        ParseResult parse = root.Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            // Ctrl-C cancels the token given to the command (watch ends cleanly) instead of killing the process at once.
            ProcessTerminationTimeout = TimeSpan.FromSeconds(2),
        };
        return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    private static RootCommand Build(TextWriter output, TextWriter error, CliEnvironment environment)
    {
        var options = new GlobalOptions();
        var runner = new CommandRunner(options, output, error, environment);
        var root = new RootCommand(Overview);
        options.AddTo(root);

        var views = new ViewBinder(runner, null);
        foreach (Command command in Views(views))
        {
            root.Subcommands.Add(command);
        }

        var watchOptions = new WatchOptions();
        var watch = new Command("watch", "Refresh a view until Ctrl-C: themisctl watch VIEW [ARGS] [--interval S] [--count N]. "
            + "With --json, one compact JSON document per refresh, one per line.");
        watch.Options.Add(watchOptions.Interval);
        watch.Options.Add(watchOptions.Count);
        foreach (Command command in Views(new ViewBinder(runner, watchOptions)))
        {
            watch.Subcommands.Add(command);
        }

        root.Subcommands.Add(watch);
        root.Subcommands.Add(ChangeCommands.CreateInsert(runner));
        root.Subcommands.Add(ChangeCommands.CreateDelete(runner));
        root.Subcommands.Add(ChangeCommands.CreateResetRegister(runner));
        root.Subcommands.Add(ChangeCommands.CreateSetParam(runner));
        return root;
    }

    private static IEnumerable<Command> Views(ViewBinder binder) =>
    [
        TablesCommand.Create(binder),
        DumpCommand.Create(binder),
        RegistersCommand.Create(binder),
        CountersCommand.Create(binder),
        DigestsCommand.Create(binder),
        ReplicationCommands.CreateCloneSessions(binder),
        ReplicationCommands.CreateMulticastGroups(binder),
        PipelineCommand.Create(binder),
        FlowsCommand.Create(binder),
        PairsCommand.Create(binder),
        StatsCommand.Create(binder),
    ];
}
