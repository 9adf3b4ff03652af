namespace Themis.Controller;

/// <summary>One IPv4 route (an item of JSON <c>routes</c>).</summary>
public sealed record RouteConfig
{
    /// <summary><c>prefix</c>: destination prefix, e.g. <c>10.2.0.0/16</c> (no host bits set).</summary>
    public string Prefix { get; init; } = "";

    /// <summary><c>port</c>: egress port, a DC or WAN port.</summary>
    public uint Port { get; init; }

    /// <summary><c>nextHopMac</c>: destination MAC written on forwarded packets, e.g. <c>02:00:00:00:02:01</c>.</summary>
    public string NextHopMac { get; init; } = "";
}
