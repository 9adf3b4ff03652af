using Microsoft.Extensions.Logging;
using P4.V1;

namespace Themis.P4Runtime.Client.Internal;

/// <summary>
/// The client-lifetime queues of asynchronous stream messages. They outlive any one stream, so a consumer
/// keeps reading across reconnects; they complete when the client is disposed.
/// </summary>
internal sealed class StreamInbox
{
    // Log the first drop and then every 1024th so a stalled consumer is visible without flooding the log.
    private const long DropLogInterval = 1024;

    public StreamInbox(int capacity, ILogger logger)
    {
        PacketIns = new DropOldestQueue<PacketIn>(capacity, n => LogDrop(logger, "packet-in", n));
        DigestLists = new DropOldestQueue<DigestList>(capacity, n => LogDrop(logger, "digest list", n));
        IdleTimeouts = new DropOldestQueue<IdleTimeoutNotification>(capacity, n => LogDrop(logger, "idle-timeout notification", n));
        StreamErrors = new DropOldestQueue<StreamError>(capacity, n => LogDrop(logger, "stream error", n));
    }

    public DropOldestQueue<PacketIn> PacketIns { get; }

    public DropOldestQueue<DigestList> DigestLists { get; }

    public DropOldestQueue<IdleTimeoutNotification> IdleTimeouts { get; }

    public DropOldestQueue<StreamError> StreamErrors { get; }

    /// <summary>Queues a packet-in, digest list, notification or stream error; false for any other kind.</summary>
    public bool TryDispatch(StreamMessageResponse message)
    {
        switch (message.UpdateCase)
        {
            case StreamMessageResponse.UpdateOneofCase.Packet:
                PacketIns.Add(message.Packet);
                return true;
            case StreamMessageResponse.UpdateOneofCase.Digest:
                DigestLists.Add(message.Digest);
                return true;
            case StreamMessageResponse.UpdateOneofCase.IdleTimeoutNotification:
                IdleTimeouts.Add(message.IdleTimeoutNotification);
                return true;
            case StreamMessageResponse.UpdateOneofCase.Error:
                StreamErrors.Add(message.Error);
                return true;
            default:
                return false;
        }
    }

    public void Complete()
    {
        PacketIns.Complete();
        DigestLists.Complete();
        IdleTimeouts.Complete();
        StreamErrors.Complete();
    }

    private static void LogDrop(ILogger logger, string kind, long dropped)
    {
        if (dropped == 1 || dropped % DropLogInterval == 0)
        {
            logger.InboundDropped(kind, dropped);
        }
    }
}
