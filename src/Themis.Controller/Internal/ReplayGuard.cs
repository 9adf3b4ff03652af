namespace Themis.Controller.Internal;

/// <summary>
/// Anti-replay for v1 daemon packets: per host, a sliding window over sequence numbers (as IPsec's, RFC 4303
/// §3.4.3) plus a bound on the timestamp's distance from the controller's clock, which also covers the
/// window lost when the controller restarts. Call <see cref="Check"/> only after the MAC verified, so forged
/// packets cannot advance a host's window. State is per configured host, so it is bounded by the key list.
/// </summary>
internal sealed class ReplayGuard
{
    public const int Window = 64;

    private readonly Dictionary<uint, (ulong Highest, ulong Seen)> _hosts = new();
    private readonly TimeSpan _maxSkew;
    private readonly TimeProvider _time;

    public ReplayGuard(TimeSpan maxSkew, TimeProvider time)
    {
        _maxSkew = maxSkew;
        _time = time;
    }

    /// <summary>Null when the packet is fresh (and records it); otherwise Replayed or Stale.</summary>
    public DaemonOutcome? Check(uint host, ulong sequence, DateTimeOffset timestamp)
    {
        TimeSpan skew = _time.GetUtcNow() - timestamp;
        if (skew.Duration() > _maxSkew)
        {
            return DaemonOutcome.Stale;
        }

        if (!_hosts.TryGetValue(host, out (ulong Highest, ulong Seen) state))
        {
            _hosts[host] = (sequence, 1);
            return null;
        }

        if (sequence > state.Highest)
        {
            ulong shift = sequence - state.Highest;
            ulong seen = shift >= Window ? 0 : state.Seen << (int)shift;
            _hosts[host] = (sequence, seen | 1);
            return null;
        }

        ulong age = state.Highest - sequence;
        if (age >= Window)
        {
            return DaemonOutcome.Replayed;
        }

        ulong bit = 1UL << (int)age;
        if ((state.Seen & bit) != 0)
        {
            return DaemonOutcome.Replayed;
        }

        _hosts[host] = (state.Highest, state.Seen | bit);
        return null;
    }
}
