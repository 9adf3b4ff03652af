namespace Themis.Controller.Internal;

/// <summary>A <c>qp_field</c> entry the controller believes is on the switch.</summary>
internal sealed record InstalledQp(QpKey Key, uint LocalQpn, int Slot)
{
    public LocalQp LocalQp => new(Key.LocalIp, LocalQpn);
}
