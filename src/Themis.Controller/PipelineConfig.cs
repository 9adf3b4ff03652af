namespace Themis.Controller;

/// <summary>The ESW program (JSON section <c>pipeline</c>). Relative paths are resolved against the config file's folder.</summary>
public sealed record PipelineConfig
{
    /// <summary><c>p4info</c>: the P4Info file (binary or text format). Required unless <c>push</c> is <c>never</c>.</summary>
    public string? P4InfoPath { get; init; }

    /// <summary>
    /// <c>deviceConfig</c>: the target's device config, sent as it is (BMv2: the JSON p4c writes; the embedded
    /// switch: the P4-16 source). Required unless <c>push</c> is <c>never</c>.
    /// </summary>
    public string? DeviceConfigPath { get; init; }

    /// <summary>
    /// <c>cookie</c>: identifies this pipeline. Default null: derived from a hash of the P4Info and device config,
    /// so a changed program is pushed and an unchanged one is not.
    /// </summary>
    public ulong? Cookie { get; init; }

    /// <summary><c>push</c>: <c>ifDifferent</c> (default), <c>always</c> or <c>never</c>.</summary>
    public PipelinePushMode Push { get; init; } = PipelinePushMode.IfDifferent;
}
