using System.CommandLine;
using Themis.Cli.Connection;
using Themis.Cli.Output;
using Themis.P4Runtime.Encoding;
using Themis.P4Runtime.Info;

namespace Themis.Cli;

/// <summary>Produces one report from a connected session (one run of a view or a change).</summary>
internal delegate Task<Report> ReportProducer(SwitchSession session, ParseResult parse, CancellationToken cancellationToken);

/// <summary>
/// Runs a command: reads the global options, opens the session, renders the report as tables or JSON, and turns
/// every failure into a message on stderr (plus a JSON error document with --json) and a documented exit code.
/// </summary>
internal sealed class CommandRunner(GlobalOptions options, TextWriter output, TextWriter error, CliEnvironment environment)
{
    public GlobalOptions Options => options;

    public CliEnvironment Environment => environment;

    public async Task<int> RunAsync(string command, ParseResult parse, ReportProducer producer, CancellationToken cancellationToken)
    {
        bool json = parse.GetValue(options.Json);
        try
        {
            CliSettings settings = options.Read(parse);
            await using var session = new SwitchSession(settings, error, environment);
            Report report = await producer(session, parse, cancellationToken).ConfigureAwait(false);
            Render(report, settings, compact: false);
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (Translate(ex, cancellationToken) is { } failure)
        {
            return Fail(command, json, failure);
        }
    }

    /// <summary>Refreshes a view until cancelled (Ctrl-C) or <paramref name="count"/> refreshes are done.</summary>
    public async Task<int> WatchAsync(string command, ParseResult parse, ReportProducer producer, TimeSpan interval, int count, CancellationToken cancellationToken)
    {
        bool json = parse.GetValue(options.Json);
        try
        {
            CliSettings settings = options.Read(parse);
            await using var session = new SwitchSession(settings, error, environment);
            for (int i = 0; count == 0 || i < count; i++)
            {
                if (i > 0)
                {
                    await Task.Delay(interval, environment.Time, cancellationToken).ConfigureAwait(false);
                }

                Report report = await producer(session, parse, cancellationToken).ConfigureAwait(false);
                if (!json)
                {
                    if (environment.IsTerminal)
                    {
                        // Clear the screen and go home, as watch(1) does.
                        output.Write("\u001b[2J\u001b[H");
                    }
                    else if (i > 0)
                    {
                        output.WriteLine();
                    }

                    output.WriteLine($"Every {interval.TotalSeconds:0.###} s: themisctl {command}    {environment.Time.GetLocalNow():yyyy-MM-dd HH:mm:ss}");
                    output.WriteLine();
                }

                // One compact document per line (NDJSON), so scripts can read the stream line by line.
                Render(report, settings, compact: true);
            }

            return ExitCodes.Ok;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (Translate(ex, cancellationToken) is { } failure)
        {
            return Fail(command, json, failure);
        }
    }

    private void Render(Report report, CliSettings settings, bool compact)
    {
        var renderer = new ReportRenderer(output, environment.Width);
        if (settings.Json)
        {
            renderer.WriteJson(report, settings.ToJson(), compact);
        }
        else
        {
            renderer.WriteHuman(report);
        }
    }

    private int Fail(string command, bool json, CliException failure)
    {
        error.WriteLine($"themisctl {command}: {failure.Message}");
        if (json)
        {
            new ReportRenderer(output, environment.Width).WriteJsonError(command, failure);
        }

        error.Flush();
        return failure.ExitCode;
    }

    /// <summary>The exit code and message of a failure; null for exceptions that are bugs (they propagate).</summary>
    private static CliException? Translate(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        CliException cli => cli,
        P4InfoLookupException lookup => CliException.NotFound(lookup.Message, lookup.Closest),
        P4BytesException bytes => CliException.Usage(bytes.Message),
        ArgumentException argument => CliException.Usage(argument.ParamName is { } p ? argument.Message.Replace($" (Parameter '{p}')", "", StringComparison.Ordinal) : argument.Message),
        OperationCanceledException when cancellationToken.IsCancellationRequested => new CliException(ExitCodes.Usage, "Interrupted."),
        _ => null,
    };
}
