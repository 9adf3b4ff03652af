namespace Themis.Switch.Server;

/// <summary>What became of a frame punted to a stream's packet-in queue.</summary>
internal enum PacketInOutcome
{
    /// <summary>Queued behind the stream's earlier messages.</summary>
    Queued,

    /// <summary>The queue held its capacity of packet-ins: the frame was dropped and counted.</summary>
    QueueFull,

    /// <summary>The stream is ending; nothing more is written to it.</summary>
    StreamClosed,
}
