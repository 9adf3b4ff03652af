using Themis.Switch.Pipeline;
using Themis.Switch.Ports;

namespace Themis.Switch.Engine;

/// <summary>
/// One port's egress queue: bounded in packets, drained at the port's rate. Depths in the
/// metadata are the number of packets queued when the packet entered and when it left.
/// </summary>
internal sealed class EgressQueue
{
    private readonly Queue<(PacketContext Packet, long EnqueuedAt)> _items = new();
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly PortSettings _settings;

    public EgressQueue(uint port, PortSettings settings)
    {
        Port = port;
        _settings = settings;
    }

    public uint Port { get; }

    public bool IsRateLimited => _settings.RatePps > 0;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Queues a packet; false (dropped) when full.</summary>
    public bool TryEnqueue(PacketContext packet, long timestamp, out int depth)
    {
        lock (_lock)
        {
            depth = _items.Count;
            if (_items.Count >= _settings.QueueDepth)
            {
                return false;
            }

            _items.Enqueue((packet, timestamp));
        }

        _signal.Release();
        return true;
    }

    /// <summary>Releases packets at the configured rate to <paramref name="egress"/> until cancelled.</summary>
    public async Task PumpAsync(TimeProvider time, Action<PacketContext, long, int> egress, CancellationToken cancellationToken)
    {
        TimeSpan interval = TimeSpan.FromSeconds(1.0 / _settings.RatePps);
        long next = time.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested)
        {
            await _signal.WaitAsync(cancellationToken).ConfigureAwait(false);
            TimeSpan wait = time.GetElapsedTime(time.GetTimestamp(), next);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }

            (PacketContext Packet, long EnqueuedAt) item;
            int depth;
            lock (_lock)
            {
                item = _items.Dequeue();
                depth = _items.Count;
            }

            long now = time.GetTimestamp();
            next = Math.Max(now, next) + (long)(interval.TotalSeconds * time.TimestampFrequency);
            egress(item.Packet, item.EnqueuedAt, depth);
        }
    }
}
