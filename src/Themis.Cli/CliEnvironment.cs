namespace Themis.Cli;

/// <summary>
/// What the CLI needs from its surroundings besides the command line: where confirmations are read from,
/// whether a person is there to answer them, the terminal width and the clock. Tests pass their own.
/// </summary>
public sealed record CliEnvironment
{
    /// <summary>Where answers to confirmation prompts come from. Default: an empty reader.</summary>
    public TextReader Input { get; init; } = TextReader.Null;

    /// <summary>True when a person can answer prompts (stdin and stderr are a terminal). Default false.</summary>
    public bool IsInteractive { get; init; }

    /// <summary>Width of the human output in columns. Default 1000, so tables written to pipes and files are never wrapped.</summary>
    public int Width { get; init; } = 1000;

    /// <summary>True when the output is a terminal that understands ANSI escapes (watch clears the screen). Default false.</summary>
    public bool IsTerminal { get; init; }

    /// <summary>The clock used for rates and refresh intervals. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The real console: interactive when neither stdin nor stderr is redirected.</summary>
    public static CliEnvironment FromConsole()
    {
        bool terminal = !Console.IsOutputRedirected;
        int width = 1000;
        if (terminal)
        {
            try
            {
                width = Math.Max(40, Console.WindowWidth);
            }
            catch (IOException)
            {
                // No real console behind stdout after all; keep the wide default.
            }
        }

        return new CliEnvironment
        {
            Input = Console.In,
            IsInteractive = !Console.IsInputRedirected && !Console.IsErrorRedirected,
            IsTerminal = terminal,
            Width = width,
        };
    }
}
