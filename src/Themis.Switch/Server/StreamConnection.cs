using System.Threading.Channels;
using V1 = global::P4.V1;

namespace Themis.Switch.Server;

/// <summary>
/// One StreamChannel: its arbitration identity and its outbound queue. Everything sent on the stream (arbitration
/// updates, errors, digest lists, idle notifications, packet-ins) goes through one FIFO drained by one writer task
/// (<see cref="RunWriterAsync"/>), so messages leave in the order they were queued and no sender waits for the
/// network. Packet-ins are bounded (the switch's CPU path drops and counts when the controller falls behind);
/// control messages are never dropped.
/// </summary>
internal sealed class StreamConnection
{
    /// <summary>Messages written without a flush before one is forced, so a long burst reaches the client in pieces.</summary>
    internal const int MaxWritesPerFlush = 64;

    private readonly Channel<Outbound> _queue = Channel.CreateUnbounded<Outbound>(new UnboundedChannelOptions { SingleReader = true });
    private readonly int _packetInCapacity;
    private int _queuedPacketIns;
    private long _packetInDrops;

    public StreamConnection(long id, int packetInCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(packetInCapacity, 1);
        Id = id;
        _packetInCapacity = packetInCapacity;
    }

    public long Id { get; }

    public bool Arbitrated { get; set; }

    public ulong DeviceId { get; set; }

    public string Role { get; set; } = string.Empty;

    public UInt128 ElectionId { get; set; }

    /// <summary>Packet-ins dropped because this stream's queue was full.</summary>
    public long PacketInDrops => Interlocked.Read(ref _packetInDrops);

    /// <summary>Packet-ins waiting to be written.</summary>
    public int QueuedPacketIns => Volatile.Read(ref _queuedPacketIns);

    /// <summary>Queues a control message; it is never dropped while the stream is open.</summary>
    public void Enqueue(V1.StreamMessageResponse message) => _queue.Writer.TryWrite(new Outbound(message, null, null));

    /// <summary>
    /// Queues a CPU-port frame as a packet-in. Cheap enough for the pipeline loop: the frame is split into
    /// metadata and payload (and serialized) by the writer task, with the codec of the pipeline that punted it.
    /// The caller hands the frame over and must not change it afterwards.
    /// </summary>
    public PacketInOutcome TryEnqueuePacketIn(byte[] frame, PacketIoCodec codec)
    {
        if (Interlocked.Increment(ref _queuedPacketIns) > _packetInCapacity)
        {
            Interlocked.Decrement(ref _queuedPacketIns);
            Interlocked.Increment(ref _packetInDrops);
            return PacketInOutcome.QueueFull;
        }

        if (!_queue.Writer.TryWrite(new Outbound(null, frame, codec)))
        {
            Interlocked.Decrement(ref _queuedPacketIns);
            return PacketInOutcome.StreamClosed;
        }

        return PacketInOutcome.Queued;
    }

    /// <summary>No more messages: the writer finishes what is queued and returns.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>
    /// Drains the queue into <paramref name="sink"/> until <see cref="Complete"/> (then what was queued is still
    /// written), cancellation, or the stream breaking. Each message is written once the next one is known: with
    /// the buffer hint while more follow, with a flush when the queue is empty or after
    /// <see cref="MaxWritesPerFlush"/> unflushed writes.
    /// </summary>
    public async Task RunWriterAsync(IStreamMessageSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ChannelReader<Outbound> reader = _queue.Reader;
        try
        {
            int unflushed = 0;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                V1.StreamMessageResponse? pending = null;
                while (reader.TryRead(out Outbound item))
                {
                    V1.StreamMessageResponse? message = item.Message;
                    if (item.Frame is not null)
                    {
                        Interlocked.Decrement(ref _queuedPacketIns);
                        message = ToPacketIn(item.Frame, item.Codec!);
                    }

                    if (message is null)
                    {
                        continue;
                    }

                    if (pending is not null)
                    {
                        bool flush = ++unflushed >= MaxWritesPerFlush;
                        await sink.WriteAsync(pending, flush, cancellationToken).ConfigureAwait(false);
                        unflushed = flush ? 0 : unflushed;
                    }

                    pending = message;
                }

                if (pending is not null)
                {
                    await sink.WriteAsync(pending, flush: true, cancellationToken).ConfigureAwait(false);
                    unflushed = 0;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The stream is being torn down.
        }
        catch (InvalidOperationException)
        {
            // The call has completed; the connection is being removed.
        }
        catch (IOException)
        {
            // The peer went away; the connection is being removed.
        }
        finally
        {
            _queue.Writer.TryComplete();
        }
    }

    private static V1.StreamMessageResponse? ToPacketIn(byte[] frame, PacketIoCodec codec) =>
        codec.DecodePacketIn(frame) is { } packet ? new V1.StreamMessageResponse { Packet = packet } : null;

    private readonly record struct Outbound(V1.StreamMessageResponse? Message, byte[]? Frame, PacketIoCodec? Codec);
}
