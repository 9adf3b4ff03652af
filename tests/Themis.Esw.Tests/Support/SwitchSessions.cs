namespace Themis.Esw.Tests.Support;

/// <summary>
/// One <see cref="SwitchSession"/> per target for the whole run (starting a switch per test would dominate the
/// suite's time): tests undo their own writes instead. Closed by <see cref="SessionTeardown"/>.
/// </summary>
public static class SwitchSessions
{
    private static readonly SemaphoreSlim s_lock = new(1, 1);
    private static readonly Dictionary<Target, Task<SwitchSession>> s_sessions = [];
    private static readonly Dictionary<Target, string> s_unavailable = [];

    /// <summary>The session for <paramref name="target"/>; ignores (or fails) the calling fixture when the target is not available.</summary>
    public static async Task<SwitchSession> GetAsync(Target target, CancellationToken cancellationToken)
    {
        Task<SwitchSession> task;
        await s_lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (s_unavailable.TryGetValue(target, out string? reason))
            {
                RemoteTarget.Unavailable(reason);
            }

            if (!s_sessions.TryGetValue(target, out task!))
            {
                if (target == Target.Remote && RemoteTarget.WhyUnavailable() is { } why)
                {
                    s_unavailable[target] = why;
                    RemoteTarget.Unavailable(why);
                }

                task = target == Target.Embedded ? EmbeddedTarget.StartAsync(CancellationToken.None) : RemoteTarget.StartAsync(CancellationToken.None);
                s_sessions[target] = task;
            }
        }
        finally
        {
            s_lock.Release();
        }

        return await task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task CloseAllAsync()
    {
        List<Task<SwitchSession>> sessions;
        await s_lock.WaitAsync().ConfigureAwait(false);
        try
        {
            sessions = [.. s_sessions.Values];
            s_sessions.Clear();
        }
        finally
        {
            s_lock.Release();
        }

        foreach (Task<SwitchSession> task in sessions)
        {
            if (task.IsCompletedSuccessfully)
            {
                SwitchSession session = await task.ConfigureAwait(false);
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
