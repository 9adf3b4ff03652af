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
        var answer = new TaskCompletionSource<MasterArbitrationUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _pendingArbitration?.TrySetCanceled(CancellationToken.None);
            _pendingArbitration = answer;
        }

        if (_ended.Task.IsCompleted)
        {
            FailPending(_ended.Task.Result);
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
            // Let the writer half-close the stream so the server sees an orderly goodbye.
            await _writeLoop.WaitAsync(HalfCloseGrace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The server is not reading; cancelling below resets the stream instead.
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

            end = new StreamEnd(StatusCode.Unavailable, "the server ended the stream", false, null);
        }
        catch (Exception ex) when (_closing && ex is OperationCanceledException or RpcException)
        {
            end = new StreamEnd(StatusCode.Cancelled, "closed by the client", true, null);
        }
        catch (Exception ex) when (ex is OperationCanceledException or RpcException && _writeFailure is not null)
        {
            end = new StreamEnd(StatusCode.Unavailable, $"writing to the stream failed: {_writeFailure!.Message}", false, _writeFailure);
        }
        catch (RpcException ex)
        {
            string detail = string.IsNullOrEmpty(ex.Status.Detail) ? "(no message)" : ex.Status.Detail;
            end = new StreamEnd(ex.StatusCode, $"{CanonicalCodes.Name(ex.StatusCode)}: {detail}", false, ex);
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
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
            // Closing: nothing more to send.
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException or IOException)
        {
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
            $"The P4Runtime stream ended before the server answered the MasterArbitrationUpdate: {end.Reason}.",
            end.Error));
    }
}
