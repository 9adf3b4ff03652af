namespace Themis.Switch.Runtime.Externs;

/// <summary>
/// A two-rate three-color meter configuration as P4Runtime carries it (<c>p4.v1.MeterConfig</c>):
/// rates per second and bursts, in the meter's unit (bytes or packets).
/// </summary>
public sealed record MeterConfig(long Cir, long Cburst, long Pir, long Pburst)
{
    /// <summary>True for the all-zero configuration, which P4Runtime uses to reset a meter.</summary>
    public bool IsReset => Cir == 0 && Cburst == 0 && Pir == 0 && Pburst == 0;
}
