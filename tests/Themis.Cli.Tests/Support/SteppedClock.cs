namespace Themis.Cli.Tests.Support;

/// <summary>
/// A clock for themisctl's own waits (stats' sampling interval): time stands still until the test steps it, and the
/// test can wait until themisctl starts waiting. So a test knows the first sample has been read before it sends the
/// packets the rates are measured on.
/// </summary>
internal sealed class SteppedClock : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<PendingTimer> _timers = [];
    private readonly TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _ticks = 1_000_000;

    public override long TimestampFrequency => 1_000_000;

    public override long GetTimestamp()
    {
        lock (_lock)
        {
            return _ticks;
        }
    }

    /// <summary>Completes when themisctl first starts waiting on this clock.</summary>
    public Task WaitingAsync(TimeSpan timeout) => _waiting.Task.WaitAsync(timeout);

    /// <summary>Moves the clock forward and fires every timer now due.</summary>
    public void Step(TimeSpan by)
    {
        List<PendingTimer> due;
        lock (_lock)
        {
            _ticks += (long)by.TotalMicroseconds;
            due = [.. _timers.Where(t => t.DueTicks <= _ticks)];
            _timers.RemoveAll(due.Contains);
        }

        foreach (PendingTimer timer in due)
        {
            timer.Fire();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (period != Timeout.InfiniteTimeSpan && period != TimeSpan.Zero)
        {
            throw new NotSupportedException("themisctl's waits are one-shot; a periodic timer here would be a change to review.");
        }

        var timer = new PendingTimer(this, callback, state);
        timer.Change(dueTime, period);
        _waiting.TrySetResult();
        return timer;
    }

    private sealed class PendingTimer(SteppedClock clock, TimerCallback callback, object? state) : ITimer
    {
        public long DueTicks { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._lock)
            {
                clock._timers.Remove(this);
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    DueTicks = clock._ticks + (long)dueTime.TotalMicroseconds;
                    clock._timers.Add(this);
                }
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._lock)
            {
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
