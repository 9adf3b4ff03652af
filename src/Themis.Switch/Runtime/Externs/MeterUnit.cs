namespace Themis.Switch.Runtime.Externs;

/// <summary>What a meter measures (v1model <c>MeterType</c>).</summary>
public enum MeterUnit
{
    /// <summary>Rates in bytes per second, bursts in bytes.</summary>
    Bytes,

    /// <summary>Rates in packets per second, bursts in packets.</summary>
    Packets,
}
