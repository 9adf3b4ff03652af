namespace Themis.Switch.Ports;

/// <summary>
/// Egress settings of one port. Defaults follow BMv2: a 64-packet queue with no rate limit, no
/// link delay.
/// </summary>
public sealed record PortSettings
{
    /// <summary>Egress queue capacity in packets (BMv2 default 64); packets beyond it are dropped.</summary>
    public int QueueDepth { get; init; } = 64;

    /// <summary>Egress rate in packets per second (0: unlimited, as BMv2's default).</summary>
    public double RatePps { get; init; }

    /// <summary>Delay added after a packet leaves the queue (wire and propagation delay; WAN emulation).</summary>
    public TimeSpan LinkDelay { get; init; }
}
