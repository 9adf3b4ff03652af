using System.Threading.Channels;

namespace Themis.P4Runtime.Client.Internal;

/// <summary>
/// A bounded queue for messages pushed by the stream reader. When full, the oldest message is dropped and
/// counted: the stream (and with it arbitration and every other message kind) must never wait for a slow
/// consumer, and for packet-ins, digests and notifications the newest data is the most useful.
/// </summary>
internal sealed class DropOldestQueue<T>
{
    private readonly Channel<T> _channel;
    private readonly Action<long>? _onDrop;
    private long _received;
    private long _dropped;

    /// <param name="onDrop">Called with the running drop count each time a message is dropped.</param>
    public DropOldestQueue(int capacity, Action<long>? onDrop)
    {
        _onDrop = onDrop;
        _channel = Channel.CreateBounded<T>(
            new BoundedChannelOptions(capacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleWriter = true,
                SingleReader = false,
            },
            _ => _onDrop?.Invoke(Interlocked.Increment(ref _dropped)));
    }

    public long Received => Interlocked.Read(ref _received);

    public long Dropped => Interlocked.Read(ref _dropped);

    public ChannelReader<T> Reader => _channel.Reader;

    /// <summary>Queues an item; false only after <see cref="Complete"/>.</summary>
    public bool Add(T item)
    {
        if (!_channel.Writer.TryWrite(item))
        {
            return false;
        }

        Interlocked.Increment(ref _received);
        return true;
    }

    public void Complete() => _channel.Writer.TryComplete();
}
