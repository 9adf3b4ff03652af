namespace Themis.Switch.Server;

/// <summary>P4Runtime server options.</summary>
public sealed record ServerOptions
{
    /// <summary>Listen address (BMv2 simple_switch_grpc default 0.0.0.0:9559; ours is loopback only). Port 0 picks a free port.</summary>
    public string Address { get; init; } = "127.0.0.1:9559";

    /// <summary>Refuse exactly what BMv2's PI server refuses (see docs/embedded-switch.md).</summary>
    public bool StrictBmv2 { get; init; }

    /// <summary>Primary election rule.</summary>
    public ArbitrationMode Arbitration { get; init; } = ArbitrationMode.Spec;

    /// <summary>Largest gRPC message accepted or sent (device configs can be large).</summary>
    public int MaxMessageBytes { get; init; } = 256 * 1024 * 1024;

    /// <summary>
    /// Packet-ins a stream may hold waiting to be written. Beyond it the switch drops punted frames and counts them
    /// (<see cref="SwitchRuntime.PacketInDrops"/>), as a hardware CPU path drops when its ring is full, rather than
    /// stalling the data plane or growing without bound.
    /// </summary>
    public int PacketInQueueCapacity { get; init; } = 4096;

    /// <summary>How often idle-timeout expiry is checked.</summary>
    public TimeSpan IdleScanInterval { get; init; } = TimeSpan.FromMilliseconds(100);
}
