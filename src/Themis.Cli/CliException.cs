using Grpc.Core;

namespace Themis.Cli;

/// <summary>A failure the CLI reports to the operator with a message and a documented exit code.</summary>
internal sealed class CliException : Exception
{
    public CliException(int exitCode, string message, IReadOnlyList<string>? suggestions = null, StatusCode? status = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
        Suggestions = suggestions ?? [];
        Status = status;
    }

    public CliException()
    {
    }

    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>One of <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; } = ExitCodes.Usage;

    /// <summary>Closest existing names, for "unknown name" errors.</summary>
    public IReadOnlyList<string> Suggestions { get; } = [];

    /// <summary>The gRPC status the switch answered with, when the failure came from the switch.</summary>
    public StatusCode? Status { get; }

    /// <summary>The word scripts see in the JSON error object.</summary>
    public string Kind => ExitCode switch
    {
        ExitCodes.Usage => "usage",
        ExitCodes.NotFound => "not_found",
        ExitCodes.Unreachable => "unreachable",
        ExitCodes.Refused => "refused",
        _ => "error",
    };

    public static CliException Usage(string message) => new(ExitCodes.Usage, message);

    public static CliException NotFound(string message, IReadOnlyList<string>? suggestions = null) => new(ExitCodes.NotFound, message, suggestions);

    public static CliException Refused(string message, StatusCode? status = null) => new(ExitCodes.Refused, message, status: status);
}
