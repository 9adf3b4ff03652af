using Themis.Switch.Server;
using V1 = P4.V1;

namespace Themis.Switch.Tests.Server;

/// <summary>
/// Stands in for the gRPC response stream behind a <see cref="StreamConnection"/>: records every write and whether it
/// flushed. While <see cref="Hold"/> is set, the next write waits until <see cref="Release"/>, so a test can keep the
/// writer busy (as a slow client does) without any timing.
/// </summary>
internal sealed class RecordingSink : IStreamMessageSink
{
    private readonly Lock _lock = new();
    private readonly List<(V1.StreamMessageResponse Message, bool Flush)> _writes = [];
    private TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Makes the next write wait for <see cref="Release"/>.</summary>
    public bool Hold { get; set; }

    /// <summary>Fails every write with this exception (a broken stream).</summary>
    public Exception? Failure { get; set; }

    public IReadOnlyList<(V1.StreamMessageResponse Message, bool Flush)> Writes
    {
        get
        {
            lock (_lock)
            {
                return [.. _writes];
            }
        }
    }

    /// <summary>Completes when a held write has started.</summary>
    public Task Entered => _entered.Task;

    public void Release() => _release.TrySetResult();

    public async ValueTask WriteAsync(V1.StreamMessageResponse message, bool flush, CancellationToken cancellationToken)
    {
        if (Failure is not null)
        {
            throw Failure;
        }

        if (Hold)
        {
            Hold = false;
            _entered.TrySetResult();
            await _release.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        lock (_lock)
        {
            _writes.Add((message, flush));
        }
    }
}
