using System.Collections.Concurrent;
using P4.V1;
using Themis.P4Runtime;
using Themis.Packets.SwitchInternal;

namespace Themis.Controller.Internal;

/// <summary>
/// Register operations through control packets (DESIGN §4): a packet-out the ingress pipeline executes and
/// answers with a packet-in carrying the same request id. The packet-in pump hands replies to
/// <see cref="Complete"/>; callers that need ordering (a slot reset before the entry that uses the slot)
/// await the reply.
/// </summary>
internal sealed class ControlChannel
{
    private readonly P4RuntimeClient _client;
    private readonly SwitchProgram _program;
    private readonly ConcurrentDictionary<uint, TaskCompletionSource<ControlHeader>> _pending = new();
    private int _nextRequestId;

    public ControlChannel(P4RuntimeClient client, SwitchProgram program)
    {
        _client = client;
        _program = program;
    }

    public int Pending => _pending.Count;

    /// <summary>Sends a request; the task completes with the reply (or is abandoned on timeout by the caller).</summary>
    public async Task<ControlHeader> SendAsync(ControlOp op, uint index, uint expectedCacheEntry, CancellationToken cancellationToken)
    {
        uint requestId = unchecked((uint)Interlocked.Increment(ref _nextRequestId));
        var reply = new TaskCompletionSource<ControlHeader>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[requestId] = reply;
        try
        {
            PacketOut packet = _program.ControlPacket(op, index, requestId, expectedCacheEntry);
            await _client.SendPacketOutAsync(packet, cancellationToken).ConfigureAwait(false);
            return await reply.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(requestId, out _);
        }
    }

    /// <summary>Sends a request without waiting for its reply (the reply is dropped when it comes).</summary>
    public ValueTask SendAndForgetAsync(ControlOp op, uint index, uint expectedCacheEntry, CancellationToken cancellationToken)
    {
        uint requestId = unchecked((uint)Interlocked.Increment(ref _nextRequestId));
        return _client.SendPacketOutAsync(_program.ControlPacket(op, index, requestId, expectedCacheEntry), cancellationToken);
    }

    /// <summary>A control reply arrived; false when nobody waits for it.</summary>
    public bool Complete(ReadOnlySpan<byte> frame)
    {
        if (!ThemisFrames.TryReadControl(frame, out ControlHeader header))
        {
            return false;
        }

        return _pending.TryRemove(header.RequestId, out TaskCompletionSource<ControlHeader>? waiter) && waiter.TrySetResult(header);
    }
}
