namespace Themis.Controller;

/// <summary>
/// The whole configuration of one ESW controller. Load it with <see cref="ControllerConfigLoader"/>, which
/// reports every problem at once; docs/controller-config.md describes the JSON format key by key.
/// </summary>
public sealed record ControllerConfig
{
    /// <summary><c>switch</c>: the P4Runtime server.</summary>
    public SwitchConnectionConfig Switch { get; init; } = new();

    /// <summary><c>pipeline</c>: the program to push.</summary>
    public PipelineConfig Pipeline { get; init; } = new();

    /// <summary><c>ports</c>: port roles.</summary>
    public PortsConfig Ports { get; init; } = new();

    /// <summary><c>controlIp</c>: the ESW's own address, destination of daemon packets. Required.</summary>
    public string ControlIp { get; init; } = "";

    /// <summary>
    /// <c>switchMac</c>: the ESW's own MAC, the source of routed packets, CNPs and handshake replies.
    /// Default <c>02:00:00:00:00:fe</c> (locally administered).
    /// </summary>
    public string SwitchMac { get; init; } = "02:00:00:00:00:fe";

    /// <summary><c>routes</c>: IPv4 routes installed at start-up.</summary>
    public IReadOnlyList<RouteConfig> Routes { get; init; } = [];

    /// <summary><c>themis</c>: data-plane parameters.</summary>
    public ThemisParameters Themis { get; init; } = new();

    /// <summary><c>daemon</c>: daemon packet acceptance.</summary>
    public DaemonConfig Daemon { get; init; } = new();

    /// <summary><c>timers</c>: expiry and periodic work.</summary>
    public TimersConfig Timers { get; init; } = new();

    /// <summary><c>writes</c>: batching.</summary>
    public WriteConfig Writes { get; init; } = new();

    /// <summary><c>http</c>: metrics and status endpoint.</summary>
    public HttpEndpointConfig Http { get; init; } = new();
}
