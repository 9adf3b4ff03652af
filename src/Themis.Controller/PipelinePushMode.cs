namespace Themis.Controller;

/// <summary>When the controller pushes the pipeline (JSON <c>pipeline.push</c>).</summary>
public enum PipelinePushMode
{
    /// <summary><c>ifDifferent</c> (default): push unless the switch already runs a pipeline with the same cookie.</summary>
    IfDifferent,

    /// <summary><c>always</c>: push at every (re)connect.</summary>
    Always,

    /// <summary><c>never</c>: use the switch's pipeline as it is (its P4Info is read back when none is configured).</summary>
    Never,
}
