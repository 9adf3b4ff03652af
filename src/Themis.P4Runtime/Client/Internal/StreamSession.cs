using System.Threading.Channels;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using P4.V1;
using P4RuntimeStub = global::P4.V1.P4Runtime.P4RuntimeClient;

namespace Themis.P4Runtime.Client.Internal;

/// <summary>
/// One StreamChannel call: a writer loop that serialises outbound messages (a gRPC request stream takes one
/// write at a time) and a reader loop that hands every inbound message to the client. A session is never
/// reused; the client opens a new one to reconnect.
/// </summary>
internal sealed class StreamSession : IAsyncDisposable
{
    private static readonly TimeSpan HalfCloseGrace = TimeSpan.FromSeconds(1);

    private readonly AsyncDuplexStreamingCall<StreamMessageRequest, StreamMessageResponse> _call;
    private readonly Channel<StreamMessageRequest> _outbound;
    private readonly CancellationTokenSource _cts;
    private readonly Action<StreamMessageResponse> _onMessage;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource<StreamEnd> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private TaskCompletionSource<MasterArbitrationUpdate>? _pendingArbitration;
    private Exception? _writeFailure;
    private volatile bool _closing;
    private Task _readLoop = Task.CompletedTask;
    private Task _writeLoop = Task.CompletedTask;

    private StreamSession(
        AsyncDuplexStreamingCall<StreamMessageRequest, StreamMessageResponse> call,
        CancellationTokenSource cts,
        int outboundCapacity,
        Action<StreamMessageResponse> onMessage,
        ILogger logger)
    {
        _call = call;
        _cts = cts;
        _onMessage = onMessage;
        _logger = logger;
        _outbound = Channel.CreateBounded<StreamMessageRequest>(new BoundedChannelOptions(outboundCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    /// <summary>Completes when the stream has ended, however it ended.</summary>
    public Task<StreamEnd> Ended => _ended.Task;

    public bool IsOpen => !_ended.Task.IsCompleted;

    public static StreamSession Open(
        P4RuntimeStub stub,
        int outboundCapacity,
        Action<StreamMessageResponse> onMessage,
        ILogger logger,
        CancellationToken lifetime)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(lifetime);
        AsyncDuplexStreamingCall<StreamMessageRequest, StreamMessageResponse> call =
            stub.StreamChannel(headers: null, deadline: null, cancellationToken: cts.Token);
        var session = new StreamSession(call, cts, outboundCapacity, onMessage, logger);
        session._readLoop = Task.Run(session.ReadLoopAsync, CancellationToken.None);
        session._writeLoop = Task.Run(session.WriteLoopAsync, CancellationToken.None);
        return session;
    }

    /// <summary>Queues a message for the server; waits while the outbound queue is full.</summary>
    public async ValueTask SendAsync(StreamMessageRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await _outbound.Writer.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex)
        {
            throw new P4RuntimeException(
                StatusCode.Unavailable,
                "The P4Runtime stream is closed; the message was not sent. The client reopens it by itself unless AutoReconnect is off.",
                ex);
        }
    }

    /// <summary>Sends a MasterArbitrationUpdate and waits for the server's arbitration answer.</summary>
    /// <exception cref="P4RuntimeException">The stream ended first, or no answer came within <paramref name="timeout"/>.</exception>
    public async Task<MasterArbitrationUpdate> ArbitrateAsync(
        MasterArbitrationUpdate request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_ended.Task.IsCompleted)
        {
            StreamEnd end = await _ended.Task.ConfigureAwait(false);
            throw new P4RuntimeException(end.Code, $"The P4Runtime stream has ended ({end.Reason}); cannot arbitrate on it.", end.Error);
        }

        var answer = new TaskCompletionSource<MasterArbitrationUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _pendingArbitration?.TrySetCanceled(CancellationToken.None);
            _pendingArbitration = answer;
        }

        await SendAsync(new StreamMessageRequest { Arbitration = request }, cancellationToken).ConfigureAwait(false);
        try
        {
            return await answer.Task.WaitAsync(timeout, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new P4RuntimeException(
                StatusCode.DeadlineExceeded,
                $"The server did not answer the MasterArbitrationUpdate within {timeout}. Check the device id ({request.DeviceId}) "
                + "and that the server is a P4Runtime server; raise ArbitrationTimeout if the switch is slow.",
                ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _closing = true;
        _outbound.Writer.TryComplete();
        try
        {
            // Half-close and give the server a moment to finish the call: an orderly goodbye, not a reset.
            await Task.WhenAll(_writeLoop, _readLoop).WaitAsync(HalfCloseGrace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The server did not end the call in time; cancelling below resets the stream instead.
        }

        await _cts.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_readLoop, _writeLoop).ConfigureAwait(false);
        _call.Dispose();
        _cts.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        StreamEnd end;
        try
        {
            while (await _call.ResponseStream.MoveNext(_cts.Token).ConfigureAwait(false))
            {
                StreamMessageResponse message = _call.ResponseStream.Current;
                if (message.UpdateCase == StreamMessageResponse.UpdateOneofCase.Arbitration)
                {
                    TaskCompletionSource<MasterArbitrationUpdate>? pending;
                    lock (_gate)
                    {
                        pending = _pendingArbitration;
                        _pendingArbitration = null;
                    }

                    // The client's handler runs first so the state is current when the waiter resumes.
                    _onMessage(message);
                    pending?.TrySetResult(message.Arbitration);
                }
                else
                {
                    _onMessage(message);
                }
            }

            end = _closing
                ? new StreamEnd(StatusCode.Cancelled, "closed by the client", true, null)
                : new StreamEnd(StatusCode.Unavailable, "the server ended the stream", false, null);
        }
        catch (Exception ex) when (ex is OperationCanceledException or RpcException)
        {
            end = DescribeEnd(ex);
        }
        catch (Exception ex)
        {
            // A bug in message handling must still end the session visibly, or nobody would reconnect.
            end = new StreamEnd(StatusCode.Internal, $"the client failed to process a stream message: {ex.Message}", false, ex);
        }

        _outbound.Writer.TryComplete();
        FailPending(end);
        _ended.TrySetResult(end);
    }

    private StreamEnd DescribeEnd(Exception ex)
    {
        if (_closing)
        {
            return new StreamEnd(StatusCode.Cancelled, "closed by the client", true, null);
        }

        // A failed call surfaces as cancellation in whichever loop notices first; prefer the call's own status.
        RpcException? rpc = ex as RpcException;
        if (rpc is null)
        {
            try
            {
                Status status = _call.GetStatus();
                if (status.StatusCode != StatusCode.OK)
                {
                    rpc = new RpcException(status);
                }
            }
            catch (InvalidOperationException)
            {
                // The call has no status yet.
            }
        }

        rpc ??= _writeFailure as RpcException;
        if (rpc is not null)
        {
            string detail = string.IsNullOrEmpty(rpc.Status.Detail) ? "(no message)" : rpc.Status.Detail;
            return new StreamEnd(rpc.StatusCode, $"{CanonicalCodes.Name(rpc.StatusCode)}: {detail}", false, rpc);
        }

        Exception cause = _writeFailure ?? ex;
        return new StreamEnd(StatusCode.Unavailable, $"the stream was interrupted: {cause.Message}", false, cause);
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            await foreach (StreamMessageRequest request in _outbound.Reader.ReadAllAsync(_cts.Token).ConfigureAwait(false))
            {
                await _call.RequestStream.WriteAsync(request, _cts.Token).ConfigureAwait(false);
            }

            await _call.RequestStream.CompleteAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_closing || _cts.IsCancellationRequested)
        {
            // Closing: nothing more to send.
        }
        catch (Exception ex)
        {
            // A failed call also cancels its request stream; the reader reports the call's real status.
            if (!_closing && IsOpen)
            {
                _writeFailure = ex;
                _logger.StreamWriteFailed(ex);
                await _cts.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    private void FailPending(StreamEnd end)
    {
        TaskCompletionSource<MasterArbitrationUpdate>? pending;
        lock (_gate)
        {
            pending = _pendingArbitration;
            _pendingArbitration = null;
        }

        pending?.TrySetException(new P4RuntimeException(
            end.Code,
            $"The P4Runtime stream ended before the server answered the MasterArbitrationUpdate: {end.Reason.TrimEnd('.')}.",
            end.Error));
    }
}
