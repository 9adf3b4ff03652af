namespace Themis.Switch.Runtime.Externs;

/// <summary>What a counter counts (v1model <c>CounterType</c>; P4Info <c>CounterSpec.Unit</c>).</summary>
public enum CounterUnit
{
    /// <summary>Bytes only.</summary>
    Bytes,

    /// <summary>Packets only.</summary>
    Packets,

    /// <summary>Packets and bytes.</summary>
    PacketsAndBytes,
}
