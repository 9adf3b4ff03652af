namespace Themis.Controller.Internal;

/// <summary>
/// Rotates the SYN-cookie secrets on a fixed period. The data plane accepts cookies made with the current or
/// the previous secret, so a handshake in flight across one rotation still verifies.
/// </summary>
internal sealed class CookieSecretSchedule
{
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly Func<ulong> _random;
    private readonly ulong _mask;
    private DateTimeOffset _next;

    public CookieSecretSchedule(TimeSpan interval, int bitWidth, TimeProvider time, Func<ulong> random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(bitWidth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bitWidth, 64);
        _interval = interval;
        _time = time;
        _random = random;
        _mask = bitWidth == 64 ? ulong.MaxValue : (1UL << bitWidth) - 1;
    }

    public ulong Current { get; private set; }

    public ulong Previous { get; private set; }

    public DateTimeOffset NextRotation => _next;

    /// <summary>
    /// Starts the schedule with a fresh secret. <paramref name="currentOnSwitch"/> (read back from the switch
    /// after a controller restart) becomes the previous secret, so cookies already handed out stay valid.
    /// </summary>
    public SetCookieSecrets Start(ulong? currentOnSwitch)
    {
        Current = NewSecret(currentOnSwitch);
        Previous = currentOnSwitch ?? Current;
        _next = _time.GetUtcNow() + _interval;
        return new SetCookieSecrets(Current, Previous);
    }

    /// <summary>Rotates when due; null otherwise.</summary>
    public SetCookieSecrets? Tick()
    {
        DateTimeOffset now = _time.GetUtcNow();
        if (now < _next)
        {
            return null;
        }

        Previous = Current;
        Current = NewSecret(Previous);

        // After a long pause (suspended process) rotate once and restart the period rather than catching up.
        _next = _next + _interval > now ? _next + _interval : now + _interval;
        return new SetCookieSecrets(Current, Previous);
    }

    private ulong NewSecret(ulong? avoid)
    {
        for (int attempt = 0; ; attempt++)
        {
            ulong secret = _random() & _mask;
            if (secret != avoid || attempt >= 8)
            {
                return secret;
            }
        }
    }
}
