namespace Themis.Controller.Internal;

/// <summary>
/// At most <c>perWindow</c> log lines per window; the rest are counted and reported as one line when the next
/// window opens. A flood of forged or malformed daemon packets would otherwise turn into a flood of warnings
/// (every one formatted, queued and written), costing more than refusing the packets. The counts stay exact
/// in the metrics either way.
/// </summary>
internal sealed class LogBudget
{
    private readonly long _windowTicks;
    private readonly int _perWindow;
    private long _windowStart = long.MinValue;
    private int _used;
    private long _suppressed;

    public LogBudget(TimeSpan window, int perWindow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perWindow, 1);
        _windowTicks = window.Ticks;
        _perWindow = perWindow;
    }

    /// <summary>
    /// Whether a line may be logged at <paramref name="nowTicks"/>. <paramref name="suppressed"/> is how many were
    /// held back in the window that just closed (report it once), else 0.
    /// </summary>
    public bool TryTake(long nowTicks, out long suppressed)
    {
        suppressed = 0;
        if (_windowStart == long.MinValue || nowTicks - _windowStart >= _windowTicks)
        {
            suppressed = _suppressed;
            _suppressed = 0;
            _used = 0;
            _windowStart = nowTicks;
        }

        if (_used < _perWindow)
        {
            _used++;
            return true;
        }

        _suppressed++;
        return false;
    }

    /// <summary>The lines held back in a window that has closed by <paramref name="nowTicks"/> (then forgotten); 0 otherwise.</summary>
    public long TakeSuppressed(long nowTicks)
    {
        if (_suppressed == 0 || nowTicks - _windowStart < _windowTicks)
        {
            return 0;
        }

        long suppressed = _suppressed;
        _suppressed = 0;
        return suppressed;
    }
}
