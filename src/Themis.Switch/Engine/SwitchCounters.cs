namespace Themis.Switch.Engine;

/// <summary>Switch-level packet statistics (not P4 counters): why packets left the pipeline.</summary>
public sealed class SwitchCounters
{
    private long _received;
    private long _transmitted;
    private long _dropped;
    private long _queueDrops;
    private long _ingressOverflow;
    private long _errors;

    /// <summary>Frames received on ports (including the CPU port).</summary>
    public long Received => Volatile.Read(ref _received);

    /// <summary>Frames transmitted on ports (including the CPU port).</summary>
    public long Transmitted => Volatile.Read(ref _transmitted);

    /// <summary>Packets dropped by the program (egress_spec = drop port or no port).</summary>
    public long Dropped => Volatile.Read(ref _dropped);

    /// <summary>Packets dropped because an egress queue was full.</summary>
    public long QueueDrops => Volatile.Read(ref _queueDrops);

    /// <summary>Frames dropped because the ingress buffer was full.</summary>
    public long IngressOverflow => Volatile.Read(ref _ingressOverflow);

    /// <summary>Packets dropped because the program failed at run time.</summary>
    public long Errors => Volatile.Read(ref _errors);

    internal void AddReceived() => Interlocked.Increment(ref _received);

    internal void AddTransmitted() => Interlocked.Increment(ref _transmitted);

    internal void AddDropped() => Interlocked.Increment(ref _dropped);

    internal void AddQueueDrop() => Interlocked.Increment(ref _queueDrops);

    internal void AddIngressOverflow() => Interlocked.Increment(ref _ingressOverflow);

    internal void AddError() => Interlocked.Increment(ref _errors);
}
