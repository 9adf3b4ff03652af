namespace Themis.P4Runtime.Client.Internal;

/// <summary>
/// Capped exponential backoff with symmetric jitter: attempt n waits
/// <c>min(max, initial * multiplier^(n-1)) * (1 ± jitter)</c>, never more than <c>max</c>.
/// </summary>
internal sealed class ReconnectBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly double _multiplier;
    private readonly double _jitter;
    private readonly Func<double> _unitRandom;

    /// <param name="unitRandom">Returns a uniform sample in [0, 1); injected so tests get a fixed schedule.</param>
    public ReconnectBackoff(TimeSpan initial, TimeSpan max, double multiplier, double jitter, Func<double> unitRandom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        ArgumentOutOfRangeException.ThrowIfLessThan(multiplier, 1.0);
        ArgumentOutOfRangeException.ThrowIfNegative(jitter);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(jitter, 1.0);
        _initial = initial;
        _max = max;
        _multiplier = multiplier;
        _jitter = jitter;
        _unitRandom = unitRandom;
    }

    public static ReconnectBackoff FromOptions(P4RuntimeClientOptions options) => new(
        options.ReconnectInitialDelay,
        options.ReconnectMaxDelay,
        options.ReconnectMultiplier,
        options.ReconnectJitter,
        Random.Shared.NextDouble);

    /// <summary>The nominal (jitter-free) delay before attempt <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan NominalDelay(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        // Math.Pow overflows to +Infinity for large attempts, which Math.Min then caps.
        double ms = _initial.TotalMilliseconds * Math.Pow(_multiplier, attempt - 1);
        return TimeSpan.FromMilliseconds(Math.Min(ms, _max.TotalMilliseconds));
    }

    /// <summary>The delay before attempt <paramref name="attempt"/> (1-based), jitter applied, capped.</summary>
    public TimeSpan GetDelay(int attempt)
    {
        double nominal = NominalDelay(attempt).TotalMilliseconds;
        double sample = Math.Clamp(_unitRandom(), 0.0, 1.0);
        double factor = 1.0 + (_jitter * ((2.0 * sample) - 1.0));
        return TimeSpan.FromMilliseconds(Math.Min(nominal * factor, _max.TotalMilliseconds));
    }

    /// <summary>Waits the delay of <paramref name="attempt"/> on <paramref name="time"/>'s clock and returns it.</summary>
    public async Task<TimeSpan> DelayAsync(int attempt, TimeProvider time, CancellationToken cancellationToken)
    {
        TimeSpan delay = GetDelay(attempt);
        await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        return delay;
    }
}
