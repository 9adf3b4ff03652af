using Grpc.Core;
using V1 = global::P4.V1;

namespace Themis.Switch.Server;

/// <summary>
/// Writes to a StreamChannel response stream. A write with <see cref="WriteFlags.BufferHint"/> only serializes the
/// message into the HTTP/2 response pipe (Grpc.AspNetCore flushes unless the hint is set), so a burst costs one
/// flush instead of one per message.
/// </summary>
internal sealed class GrpcStreamSink(IServerStreamWriter<V1.StreamMessageResponse> stream) : IStreamMessageSink
{
    private static readonly WriteOptions Buffered = new(WriteFlags.BufferHint);

    public async ValueTask WriteAsync(V1.StreamMessageResponse message, bool flush, CancellationToken cancellationToken)
    {
        stream.WriteOptions = flush ? null : Buffered;
        await stream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
    }
}
