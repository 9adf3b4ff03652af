namespace Themis.Controller.Internal;

/// <summary>
/// An inter-DC host pair, directed: <see cref="Local"/> is the host inside this DC, <see cref="Remote"/> the
/// host across the WAN. The handshake digest reports pairs in this order (the DC host is the source of both
/// the verifying ACK and of an outgoing SYN-ACK), and a <c>qp_field</c> key is (daemon source, dIP) in the same order.
/// </summary>
internal readonly record struct HostPair(uint Local, uint Remote)
{
    public override string ToString() => $"{Ipv4.Format(Local)}->{Ipv4.Format(Remote)}";
}
