namespace Themis.Switch.Pipeline;

/// <summary>A structured per-packet trace: what the pipeline did, in order; tests can assert on it.</summary>
public sealed class PacketTrace
{
    private readonly List<string> _events = [];

    /// <summary>Creates a trace for packet number <paramref name="packetId"/>.</summary>
    public PacketTrace(long packetId)
    {
        PacketId = packetId;
    }

    /// <summary>Switch-wide packet sequence number.</summary>
    public long PacketId { get; }

    /// <summary>Events in order, e.g. <c>table MyIngress.ipv4_lpm hit → MyIngress.forward</c>.</summary>
    public IReadOnlyList<string> Events => _events;

    /// <summary>Appends an event.</summary>
    public void Add(string message) => _events.Add(message);

    /// <inheritdoc />
    public override string ToString() => $"packet {PacketId}: " + string.Join("; ", _events);
}
