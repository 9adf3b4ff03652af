namespace Themis.Switch.Pipeline;

/// <summary>A pipeline built from a device config, or the reasons it could not be.</summary>
public sealed class PipelineCompileResult
{
    private PipelineCompileResult(PipelineDefinition? definition, IReadOnlyList<string> errors)
    {
        Definition = definition;
        Errors = errors;
    }

    /// <summary>The pipeline, when successful.</summary>
    public PipelineDefinition? Definition { get; }

    /// <summary>Every problem found (empty on success).</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>True when <see cref="Definition"/> is set.</summary>
    public bool Succeeded => Definition is not null;

    /// <summary>A success.</summary>
    public static PipelineCompileResult Success(PipelineDefinition definition) => new(definition ?? throw new ArgumentNullException(nameof(definition)), []);

    /// <summary>A failure with all its errors.</summary>
    public static PipelineCompileResult Failure(IReadOnlyList<string> errors) => new(null, errors);
}
