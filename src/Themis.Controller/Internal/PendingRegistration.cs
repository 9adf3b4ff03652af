namespace Themis.Controller.Internal;

/// <summary>A create event waiting for its host pair to be verified; dropped at <see cref="DeadlineTicks"/>.</summary>
internal sealed record PendingRegistration(QpKey Key, uint LocalQpn, long DeadlineTicks)
{
    public LocalQp LocalQp => new(Key.LocalIp, LocalQpn);
}
