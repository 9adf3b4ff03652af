namespace Themis.Controller.Internal;

/// <summary>The match key of a <c>qp_field</c> entry: (local host, remote host, remote QPN).</summary>
internal readonly record struct QpKey(uint LocalIp, uint RemoteIp, uint RemoteQpn)
{
    public HostPair Pair => new(LocalIp, RemoteIp);

    public override string ToString() => $"({Ipv4.Format(LocalIp)}, {Ipv4.Format(RemoteIp)}, qpn 0x{RemoteQpn:x6})";
}
