namespace Themis.Controller.Internal;

/// <summary>
/// A local QP: (host, QPN). Destroy events carry only this, and it is also the key of <c>cnp_store</c>.
/// </summary>
internal readonly record struct LocalQp(uint Ip, uint Qpn)
{
    public override string ToString() => $"({Ipv4.Format(Ip)}, qpn 0x{Qpn:x6})";
}
