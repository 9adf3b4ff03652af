namespace Themis.Switch.Runtime.Externs;

/// <summary>Meter colors with BMv2's integer encoding (bm_sim/meters.h: 0 green, 1 yellow, 2 red).</summary>
public enum MeterColor
{
    /// <summary>Within the committed rate.</summary>
    Green = 0,

    /// <summary>Above the committed rate, within the peak rate.</summary>
    Yellow = 1,

    /// <summary>Above the peak rate.</summary>
    Red = 2,
}
