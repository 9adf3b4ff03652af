using Themis.Switch.Ports;

namespace Themis.Switch.Engine;

/// <summary>Data-plane options of a <see cref="SoftwareSwitch"/>.</summary>
public sealed record SwitchOptions
{
    /// <summary>P4Runtime device id (BMv2 simple_switch_grpc default: 0).</summary>
    public ulong DeviceId { get; init; }

    /// <summary>
    /// The CPU port (BMv2 <c>--cpu-port</c>): packets sent to it become PacketIn, PacketOut enters
    /// ingress on it. Null: no CPU port. Must not be 0 or the drop port 511, as with BMv2.
    /// </summary>
    public uint? CpuPort { get; init; }

    /// <summary>Egress settings of ports without an entry in <see cref="Ports"/>.</summary>
    public PortSettings DefaultPortSettings { get; init; } = new();

    /// <summary>Egress settings per port number.</summary>
    public IReadOnlyDictionary<uint, PortSettings> Ports { get; init; } = new Dictionary<uint, PortSettings>();

    /// <summary>Capacity of the ingress buffer in packets; arrivals beyond it are dropped and counted.</summary>
    public int IngressBufferPackets { get; init; } = 4096;

    /// <summary>Record a per-packet trace (tables hit, actions run) and log it at Debug.</summary>
    public bool TracePackets { get; init; }

    /// <summary>Settings for <paramref name="port"/>.</summary>
    public PortSettings SettingsFor(uint port) => Ports.TryGetValue(port, out PortSettings? s) ? s : DefaultPortSettings;
}
