namespace Themis.Controller.Internal;

/// <summary>
/// A decoded, authenticated daemon report. <see cref="SourceIp"/> is the IPv4 source of the daemon packet
/// itself (not a field of the payload): a host can only speak for its own QPs.
/// </summary>
internal readonly record struct DaemonEvent(
    uint SourceIp,
    DaemonEventKind Kind,
    uint RemoteIp,
    uint LocalQpn,
    uint RemoteQpn)
{
    public LocalQp LocalQp => new(SourceIp, LocalQpn);

    public QpKey Key => new(SourceIp, RemoteIp, RemoteQpn);
}
