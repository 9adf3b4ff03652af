namespace Themis.Controller;

/// <summary>The local metrics and status endpoint (JSON section <c>http</c>).</summary>
public sealed record HttpEndpointConfig
{
    /// <summary><c>enabled</c>: serve <c>/metrics</c> (Prometheus text) and <c>/status</c>. Default true.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary><c>listen</c>: address:port to bind; loopback by default (<c>127.0.0.1:9464</c>). Port 0 picks a free port.</summary>
    public string Listen { get; init; } = "127.0.0.1:9464";
}
