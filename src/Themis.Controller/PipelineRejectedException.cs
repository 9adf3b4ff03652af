namespace Themis.Controller;

/// <summary>
/// The switch refused the pipeline the configuration names (SetForwardingPipelineConfig failed with
/// INVALID_ARGUMENT, FAILED_PRECONDITION or UNIMPLEMENTED). Retrying cannot help, so
/// <see cref="EswController.RunAsync"/> stops with this exception instead of reconnecting.
/// </summary>
public sealed class PipelineRejectedException : Exception
{
    public PipelineRejectedException()
        : this("The switch refused the pipeline.")
    {
    }

    public PipelineRejectedException(string message)
        : base(message)
    {
    }

    public PipelineRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
