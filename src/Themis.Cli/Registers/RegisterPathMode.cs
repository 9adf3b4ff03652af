namespace Themis.Cli.Registers;

/// <summary>How registers are read and reset (--register-path).</summary>
internal enum RegisterPathMode
{
    /// <summary>P4Runtime RegisterEntry requests; the ESW's control packets where the switch answers UNIMPLEMENTED.</summary>
    Auto,

    /// <summary>P4Runtime only: an UNIMPLEMENTED answer is an error, and no stream is opened for control packets.</summary>
    P4Runtime,

    /// <summary>The ESW's control packets only, even where the switch serves RegisterEntry requests.</summary>
    ControlPackets,
}
