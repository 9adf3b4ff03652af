namespace Themis.Controller;

/// <summary>The host daemons' reports (JSON section <c>daemon</c>).</summary>
public sealed record DaemonConfig
{
    /// <summary><c>port</c>: UDP port of daemon packets to the control IP. Default 12345.</summary>
    public int Port { get; init; } = 12345;

    /// <summary>
    /// <c>acceptV0</c>: accept the unauthenticated 16-byte v0 format of the original daemon. Default false:
    /// any host could then register QPs in its own name without a key.
    /// </summary>
    public bool AcceptV0 { get; init; }

    /// <summary>
    /// <c>keys</c>: per-host HMAC keys of v1 packets, host IPv4 address → key in hex (at least 16 bytes).
    /// A v1 packet from a host without a key is refused.
    /// </summary>
    public IReadOnlyDictionary<string, string> Keys { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// <c>gracePeriod</c>: how long a registration may wait for its pair's handshake digest (daemons often
    /// report before the TCP exchange is verified). Default <c>2s</c>.
    /// </summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary><c>maxClockSkew</c>: accepted distance of a v1 timestamp from the controller's clock. Default <c>30s</c>.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>maxPending</c>: pending registrations held in total. Default 4096.</summary>
    public int MaxPending { get; init; } = 4096;

    /// <summary><c>maxPendingPerHost</c>: pending registrations held per host. Default 256.</summary>
    public int MaxPendingPerHost { get; init; } = 256;
}
