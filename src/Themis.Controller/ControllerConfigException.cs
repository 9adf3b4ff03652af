namespace Themis.Controller;

/// <summary>The configuration is unusable; <see cref="Errors"/> lists every problem, each naming its key.</summary>
public sealed class ControllerConfigException : Exception
{
    public ControllerConfigException(IReadOnlyList<string> errors)
        : base(FormatMessage(errors))
    {
        Errors = errors;
    }

    public ControllerConfigException()
        : this(["The configuration is invalid."])
    {
    }

    public ControllerConfigException(string message)
        : this([message])
    {
    }

    public ControllerConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>Each problem, as <c>key.path: what is wrong and what to write instead</c>.</summary>
    public IReadOnlyList<string> Errors { get; }

    private static string FormatMessage(IReadOnlyList<string> errors) =>
        $"Invalid controller configuration ({errors.Count} problem{(errors.Count == 1 ? "" : "s")}):"
        + Environment.NewLine + "  - " + string.Join(Environment.NewLine + "  - ", errors);
}
