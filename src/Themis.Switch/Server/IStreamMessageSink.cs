using V1 = global::P4.V1;

namespace Themis.Switch.Server;

/// <summary>Where a stream's writer task puts its messages: the gRPC response stream, one write at a time.</summary>
internal interface IStreamMessageSink
{
    /// <summary>
    /// Writes <paramref name="message"/>. With <paramref name="flush"/> false the message may stay buffered
    /// until a later write flushes; the writer flushes whenever its queue runs empty.
    /// </summary>
    ValueTask WriteAsync(V1.StreamMessageResponse message, bool flush, CancellationToken cancellationToken);
}
