using System.Runtime.CompilerServices;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using P4.Config.V1;
using P4.V1;
using Themis.P4Runtime.Client.Internal;
using P4RuntimeStub = global::P4.V1.P4Runtime.P4RuntimeClient;

namespace Themis.P4Runtime;

/// <summary>
/// A P4Runtime controller session with one device: the StreamChannel (arbitration, packet I/O, digests,
/// notifications) plus the unary RPCs. Create it with <see cref="ConnectAsync"/>; it keeps the stream up by
/// itself (reconnecting with capped, jittered exponential backoff and re-arbitrating) until disposed.
/// </summary>
/// <remarks>
/// Inbound stream messages land in bounded per-kind queues read through <see cref="ReadPacketInsAsync"/> and its
/// siblings. Each queue holds <see cref="P4RuntimeClientOptions.InboundQueueCapacity"/> messages; when a consumer
/// falls behind, the oldest message is dropped and counted in <see cref="Statistics"/> (and logged), so a slow
/// consumer never stalls arbitration or the other kinds. Each queue is meant for one consumer; several readers
/// of the same queue share its messages between them. All members are thread-safe.
/// </remarks>
public sealed class P4RuntimeClient : IAsyncDisposable
{
    private readonly P4RuntimeClientOptions _options;
    private readonly ILogger _logger;
    private readonly GrpcChannel _channel;
    private readonly P4RuntimeStub _stub;
    private readonly StreamInbox _inbox;
    private readonly MastershipTracker _mastership;
    private readonly ReconnectBackoff _backoff;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _gate = new();
    private UInt128 _electionId;
    private StreamSession? _session;
    private P4InfoNames? _names;
    private Task _supervisor = Task.CompletedTask;
    private long _reconnects;
    private int _disposed;

    private P4RuntimeClient(P4RuntimeClientOptions options, ILoggerFactory? loggerFactory)
    {
        _options = options;
        _time = options.TimeProvider;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<P4RuntimeClient>();
        _channel = ChannelFactory.Create(options, loggerFactory);
        _stub = new P4RuntimeStub(_channel);
        _inbox = new StreamInbox(options.InboundQueueCapacity, _logger);
        _electionId = options.ElectionId;
        _mastership = new MastershipTracker(options.ElectionId, _time);
        _backoff = ReconnectBackoff.FromOptions(options);
    }

    /// <summary>Raised (on a client thread) whenever <see cref="Mastership"/> changes; handlers must not block.</summary>
    public event EventHandler<MastershipChangedEventArgs>? MastershipChanged;

    /// <summary>Raised after a broken stream was reopened and re-arbitrated.</summary>
    public event EventHandler<ReconnectedEventArgs>? Reconnected;

    /// <summary>The options the client was created with.</summary>
    public P4RuntimeClientOptions Options => _options;

    /// <summary>The device this client controls.</summary>
    public ulong DeviceId => _options.DeviceId;

    /// <summary>The election id this client currently announces (see <see cref="UpdateElectionIdAsync"/>).</summary>
    public UInt128 ElectionId
    {
        get
        {
            lock (_gate)
            {
                return _electionId;
            }
        }
    }

    /// <summary>The current arbitration result.</summary>
    public MastershipState Mastership => _mastership.Current;

    /// <summary>Message and reconnect counters since creation.</summary>
    public P4RuntimeClientStatistics Statistics => new(
        _inbox.PacketIns.Received,
        _inbox.PacketIns.Dropped,
        _inbox.DigestLists.Received,
        _inbox.DigestLists.Dropped,
        _inbox.IdleTimeouts.Received,
        _inbox.IdleTimeouts.Dropped,
        _inbox.StreamErrors.Received,
        _inbox.StreamErrors.Dropped,
        Interlocked.Read(ref _reconnects));

    /// <summary>
    /// Opens the channel and the StreamChannel, sends a MasterArbitrationUpdate (device id, role, election id)
    /// and returns once the server has answered it: the result, primary or backup, is in <see cref="Mastership"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    /// <exception cref="P4RuntimeException">The server could not be reached, refused the arbitration, or did not answer in time.</exception>
    public static async Task<P4RuntimeClient> ConnectAsync(
        P4RuntimeClientOptions options,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        var client = new P4RuntimeClient(options, loggerFactory);
        try
        {
            client._logger.Connecting(options.Address, options.DeviceId, options.Role, options.ElectionId.ToString());
            MastershipState state = await client.OpenSessionAsync(cancellationToken).ConfigureAwait(false);
            client._logger.Connected(options.Address, state);
        }
        catch (P4RuntimeException ex)
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw new P4RuntimeException(
                ex.StatusCode,
                $"Could not open a P4Runtime session with {options.Address} (device {options.DeviceId}): {ex.Message} "
                + "Check that the switch is running and serves P4Runtime at that address "
                + "(BMv2: simple_switch_grpc --grpc-server-addr, port 9559 by default; --device-id, 0 by default).",
                ex.InnerException ?? ex);
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        client._supervisor = Task.Run(client.SuperviseAsync, CancellationToken.None);
        return client;
    }

    /// <summary>The current mastership state, then every change, until cancelled or the client is disposed.</summary>
    public IAsyncEnumerable<MastershipState> WatchMastershipAsync(CancellationToken cancellationToken = default) =>
        _mastership.WatchAsync(cancellationToken);

    /// <summary>
    /// Announces a new election id on the live stream and returns the server's verdict, e.g. to take over as
    /// primary after the previous primary left (the server only promotes an id above every one it has seen).
    /// Reconnects use the new id.
    /// </summary>
    public async Task<MastershipState> UpdateElectionIdAsync(UInt128 electionId, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        lock (_gate)
        {
            if (_electionId == electionId)
            {
                // Servers answer a repeated id with silence (PI), so there is nothing to wait for.
                return _mastership.Current;
            }

            _electionId = electionId;
        }

        StreamSession session = RequireSession("re-arbitrate");
        _logger.SendingArbitration(_options.DeviceId, _options.Role, electionId.ToString());
        await session.ArbitrateAsync(BuildArbitration(electionId), _options.ArbitrationTimeout, cancellationToken).ConfigureAwait(false);
        return _mastership.Current;
    }

    /// <summary>Installs (by default: verifies, saves and commits) a P4 program on the device. Primary only.</summary>
    /// <param name="p4Info">The program's P4Info.</param>
    /// <param name="deviceConfig">The target-specific binary (the BMv2 JSON for BMv2).</param>
    /// <param name="cookie">An opaque value returned by GetForwardingPipelineConfig; null sends none.</param>
    /// <param name="action">What to do with the config; VERIFY_AND_COMMIT clears the forwarding state.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task SetForwardingPipelineConfigAsync(
        P4Info p4Info,
        ByteString deviceConfig,
        ulong? cookie = null,
        SetForwardingPipelineConfigRequest.Types.Action action = SetForwardingPipelineConfigRequest.Types.Action.VerifyAndCommit,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(p4Info);
        ArgumentNullException.ThrowIfNull(deviceConfig);
        ThrowIfDisposed();
        var request = new SetForwardingPipelineConfigRequest
        {
            DeviceId = _options.DeviceId,
            Role = _options.Role,
            ElectionId = ElectionIds.ToProto(ElectionId),
            Action = action,
            Config = new ForwardingPipelineConfig
            {
                P4Info = p4Info,
                P4DeviceConfig = deviceConfig,
                Cookie = cookie is { } value ? new ForwardingPipelineConfig.Types.Cookie { Cookie_ = value } : null,
            },
        };
        _logger.SettingPipeline(action, p4Info.Tables.Count, deviceConfig.Length, cookie?.ToString() ?? "none");
        try
        {
            await _stub.SetForwardingPipelineConfigAsync(
                request, deadline: Deadline(_options.PipelineConfigDeadline), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            throw Translate(ex, "SetForwardingPipelineConfig", _options.PipelineConfigDeadline);
        }

        if (action != SetForwardingPipelineConfigRequest.Types.Action.Verify)
        {
            Volatile.Write(ref _names, new P4InfoNames(p4Info));
        }
    }

    /// <summary>Returns the device's current pipeline config (or the parts <paramref name="responseType"/> asks for).</summary>
    public async Task<ForwardingPipelineConfig> GetForwardingPipelineConfigAsync(
        GetForwardingPipelineConfigRequest.Types.ResponseType responseType = GetForwardingPipelineConfigRequest.Types.ResponseType.All,
        CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var request = new GetForwardingPipelineConfigRequest { DeviceId = _options.DeviceId, ResponseType = responseType };
        GetForwardingPipelineConfigResponse response;
        try
        {
            response = await _stub.GetForwardingPipelineConfigAsync(
                request, deadline: Deadline(_options.UnaryDeadline), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            throw Translate(ex, "GetForwardingPipelineConfig", _options.UnaryDeadline);
        }

        ForwardingPipelineConfig config = response.Config ?? new ForwardingPipelineConfig();
        if (config.P4Info is { } p4Info && Volatile.Read(ref _names) is null)
        {
            Volatile.Write(ref _names, new P4InfoNames(p4Info));
        }

        return config;
    }

    /// <summary>
    /// Sends one Write batch. Primary only. An empty batch sends nothing. BMv2 supports only
    /// CONTINUE_ON_ERROR (the default).
    /// </summary>
    /// <exception cref="P4RuntimeWriteException">
    /// The server rejected the batch or some of its updates; <see cref="P4RuntimeWriteException.Failures"/> lists them.
    /// </exception>
    public async Task WriteAsync(
        IEnumerable<Update> updates,
        WriteRequest.Types.Atomicity atomicity = WriteRequest.Types.Atomicity.ContinueOnError,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        ThrowIfDisposed();
        var request = new WriteRequest
        {
            DeviceId = _options.DeviceId,
            Role = _options.Role,
            ElectionId = ElectionIds.ToProto(ElectionId),
            Atomicity = atomicity,
        };
        request.Updates.AddRange(updates);
        if (request.Updates.Count == 0)
        {
            return;
        }

        try
        {
            await _stub.WriteAsync(request, deadline: Deadline(_options.UnaryDeadline), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            string? context = null;
            if (ex.StatusCode == StatusCode.PermissionDenied)
            {
                NoteNotPrimary("Write", ex);
                context = $"This client: {Mastership}.";
            }
            else if (ex.StatusCode == StatusCode.DeadlineExceeded)
            {
                context = $"No answer within UnaryDeadline ({_options.UnaryDeadline}); some updates may have been applied.";
            }

            P4RuntimeWriteException failure = WriteErrorDecoder.ToException(ex, request.Updates, atomicity, Volatile.Read(ref _names), context);
            _logger.WriteFailed(request.Updates.Count, failure.Message);
            throw failure;
        }
    }

    /// <summary>Inserts one entity.</summary>
    public Task InsertAsync(Entity entity, CancellationToken cancellationToken = default) =>
        WriteAsync([MakeUpdate(Update.Types.Type.Insert, entity)], cancellationToken: cancellationToken);

    /// <summary>Inserts entities in one CONTINUE_ON_ERROR batch.</summary>
    public Task InsertAsync(IEnumerable<Entity> entities, CancellationToken cancellationToken = default) =>
        WriteAsync(MakeUpdates(Update.Types.Type.Insert, entities), cancellationToken: cancellationToken);

    /// <summary>Modifies one entity.</summary>
    public Task ModifyAsync(Entity entity, CancellationToken cancellationToken = default) =>
        WriteAsync([MakeUpdate(Update.Types.Type.Modify, entity)], cancellationToken: cancellationToken);

    /// <summary>Modifies entities in one CONTINUE_ON_ERROR batch.</summary>
    public Task ModifyAsync(IEnumerable<Entity> entities, CancellationToken cancellationToken = default) =>
        WriteAsync(MakeUpdates(Update.Types.Type.Modify, entities), cancellationToken: cancellationToken);

    /// <summary>Deletes one entity.</summary>
    public Task DeleteAsync(Entity entity, CancellationToken cancellationToken = default) =>
        WriteAsync([MakeUpdate(Update.Types.Type.Delete, entity)], cancellationToken: cancellationToken);

    /// <summary>Deletes entities in one CONTINUE_ON_ERROR batch.</summary>
    public Task DeleteAsync(IEnumerable<Entity> entities, CancellationToken cancellationToken = default) =>
        WriteAsync(MakeUpdates(Update.Types.Type.Delete, entities), cancellationToken: cancellationToken);

    /// <summary>
    /// Reads every entity matching the filters, streaming them as the server sends them. Unset fields of a
    /// filter are wildcards: <c>new Entity { TableEntry = new TableEntry() }</c> reads every table,
    /// <c>new TableEntry { TableId = id }</c> one table, <c>IsDefaultAction = true</c> its default entry.
    /// </summary>
    public async IAsyncEnumerable<Entity> ReadAsync(
        IEnumerable<Entity> filters,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filters);
        ThrowIfDisposed();
        var request = new ReadRequest { DeviceId = _options.DeviceId, Role = _options.Role };
        request.Entities.AddRange(filters);
        if (request.Entities.Count == 0)
        {
            yield break;
        }

        using AsyncServerStreamingCall<ReadResponse> call = _stub.Read(
            request, deadline: Deadline(_options.ReadDeadline), cancellationToken: cancellationToken);
        while (true)
        {
            bool more;
            try
            {
                more = await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException ex)
            {
                throw Translate(ex, "Read", _options.ReadDeadline);
            }

            if (!more)
            {
                yield break;
            }

            foreach (Entity entity in call.ResponseStream.Current.Entities)
            {
                yield return entity;
            }
        }
    }

    /// <summary>Reads every entity matching one filter (see <see cref="ReadAsync(IEnumerable{Entity}, CancellationToken)"/>).</summary>
    public IAsyncEnumerable<Entity> ReadAsync(Entity filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return ReadAsync([filter], cancellationToken);
    }

    /// <summary>
    /// Queues a packet-out on the stream. Primary only: a backup's packet-outs are refused here, because
    /// servers drop them (BMv2 silently). Waits while the outbound queue is full.
    /// </summary>
    /// <exception cref="P4RuntimeException">The stream is down (UNAVAILABLE) or this client is a backup (PERMISSION_DENIED).</exception>
    public ValueTask SendPacketOutAsync(PacketOut packet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packet);
        ThrowIfDisposed();
        StreamSession session = RequireSession("send a packet-out");
        MastershipState state = _mastership.Current;
        if (state.Status is MastershipStatus.Backup or MastershipStatus.BackupNoPrimary)
        {
            throw new P4RuntimeException(
                StatusCode.PermissionDenied,
                $"Only the primary controller may send packet-outs; this client is {state}. "
                + "Announce a higher election id (UpdateElectionIdAsync) to take over.");
        }

        return session.SendAsync(new StreamMessageRequest { Packet = packet }, cancellationToken);
    }

    /// <summary>Acknowledges a digest list so the server may report the same data again.</summary>
    public async Task AckDigestListAsync(uint digestId, ulong listId, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        StreamSession session = RequireSession("acknowledge a digest list");
        await session.SendAsync(
            new StreamMessageRequest { DigestAck = new DigestListAck { DigestId = digestId, ListId = listId } },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Acknowledges <paramref name="digestList"/>.</summary>
    public Task AckDigestListAsync(DigestList digestList, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(digestList);
        return AckDigestListAsync(digestList.DigestId, digestList.ListId, cancellationToken);
    }

    /// <summary>Packet-ins, in arrival order, across reconnects, until the client is disposed.</summary>
    public IAsyncEnumerable<PacketIn> ReadPacketInsAsync(CancellationToken cancellationToken = default) =>
        _inbox.PacketIns.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Digest lists (acknowledge each with <see cref="AckDigestListAsync(DigestList, CancellationToken)"/>).</summary>
    public IAsyncEnumerable<DigestList> ReadDigestListsAsync(CancellationToken cancellationToken = default) =>
        _inbox.DigestLists.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Idle-timeout notifications for entries inserted with an idle timeout.</summary>
    public IAsyncEnumerable<IdleTimeoutNotification> ReadIdleTimeoutNotificationsAsync(CancellationToken cancellationToken = default) =>
        _inbox.IdleTimeouts.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Errors the server reports about stream messages this client sent (packet-outs, acks).</summary>
    public IAsyncEnumerable<StreamError> ReadStreamErrorsAsync(CancellationToken cancellationToken = default) =>
        _inbox.StreamErrors.Reader.ReadAllAsync(cancellationToken);

    /// <summary>The P4Runtime API version the server implements (e.g. "1.3.0").</summary>
    public async Task<string> GetCapabilitiesAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        try
        {
            CapabilitiesResponse response = await _stub.CapabilitiesAsync(
                new CapabilitiesRequest(), deadline: Deadline(_options.UnaryDeadline), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return response.P4RuntimeApiVersion;
        }
        catch (RpcException ex)
        {
            throw Translate(ex, "Capabilities", _options.UnaryDeadline);
        }
    }

    /// <summary>Closes the stream (half-closing it first), stops reconnecting and completes every inbound stream.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        StreamSession? session = Interlocked.Exchange(ref _session, null);
        if (session is not null)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        await _supervisor.ConfigureAwait(false);

        // The supervisor may have opened a session just before noticing the cancellation.
        session = Interlocked.Exchange(ref _session, null);
        if (session is not null)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }

        Publish(_mastership.ApplyDisconnected("client disposed"));
        _inbox.Complete();
        _mastership.Complete();
        _channel.Dispose();
        _lifetime.Dispose();
        _logger.Disposed(_options.Address);
    }

    private static Update MakeUpdate(Update.Types.Type type, Entity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return new Update { Type = type, Entity = entity };
    }

    private static List<Update> MakeUpdates(Update.Types.Type type, IEnumerable<Entity> entities)
    {
        ArgumentNullException.ThrowIfNull(entities);
        return entities.Select(e => MakeUpdate(type, e)).ToList();
    }

    private static DateTime Deadline(TimeSpan timeout) => DateTime.UtcNow + timeout;

    private MasterArbitrationUpdate BuildArbitration(UInt128 electionId) => new()
    {
        DeviceId = _options.DeviceId,
        ElectionId = ElectionIds.ToProto(electionId),
        // An unset role means the default role with full pipeline access.
        Role = _options.Role.Length == 0 ? null : new Role { Name = _options.Role },
    };

    private async Task<MastershipState> OpenSessionAsync(CancellationToken cancellationToken)
    {
        StreamSession session = StreamSession.Open(
            _stub, _options.OutboundQueueCapacity, OnStreamMessage, _logger, _lifetime.Token);
        try
        {
            UInt128 electionId = ElectionId;
            _logger.SendingArbitration(_options.DeviceId, _options.Role, electionId.ToString());
            await session.ArbitrateAsync(BuildArbitration(electionId), _options.ArbitrationTimeout, cancellationToken)
                .ConfigureAwait(false);
            Volatile.Write(ref _session, session);
            return _mastership.Current;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task SuperviseAsync()
    {
        CancellationToken lifetime = _lifetime.Token;
        while (!lifetime.IsCancellationRequested)
        {
            StreamSession? session = Volatile.Read(ref _session);
            if (session is null)
            {
                return;
            }

            StreamEnd end = await session.Ended.ConfigureAwait(false);
            if (end.ClosedByClient || lifetime.IsCancellationRequested)
            {
                return;
            }

            long lostAt = _time.GetTimestamp();
            _logger.StreamLost(_options.Address, end.Reason);
            Interlocked.CompareExchange(ref _session, null, session);
            Publish(_mastership.ApplyDisconnected($"stream lost: {end.Reason}"));
            await session.DisposeAsync().ConfigureAwait(false);
            if (!_options.AutoReconnect)
            {
                _logger.NotReconnecting(_options.Address);
                return;
            }

            if (!await ReconnectAsync(end, lostAt, lifetime).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <returns>False when the client is being disposed.</returns>
    private async Task<bool> ReconnectAsync(StreamEnd lost, long lostAt, CancellationToken lifetime)
    {
        for (int attempt = 1; ; attempt++)
        {
            TimeSpan delay = _backoff.GetDelay(attempt);
            _logger.ReconnectScheduled(attempt, _options.Address, delay);
            try
            {
                await Task.Delay(delay, _time, lifetime).ConfigureAwait(false);
                MastershipState state = await OpenSessionAsync(lifetime).ConfigureAwait(false);
                TimeSpan downtime = _time.GetElapsedTime(lostAt);
                Interlocked.Increment(ref _reconnects);
                _logger.Reconnected(_options.Address, attempt, downtime, state);
                RaiseReconnected(new ReconnectedEventArgs(attempt, downtime, state, lost.Reason));
                return true;
            }
            catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !lifetime.IsCancellationRequested)
            {
                // Whatever went wrong, the supervisor must live on and try again after the next delay.
                _logger.ReconnectFailed(attempt, _options.Address, ex.Message);
            }
        }
    }

    private void OnStreamMessage(StreamMessageResponse message)
    {
        switch (message.UpdateCase)
        {
            case StreamMessageResponse.UpdateOneofCase.Arbitration:
                Publish(_mastership.ApplyArbitration(message.Arbitration, ElectionId));
                break;
            case StreamMessageResponse.UpdateOneofCase.Error:
                StreamError error = message.Error;
                _logger.StreamErrorReceived((StatusCode)error.CanonicalCode, error.Message, error.DetailsCase.ToString());
                _inbox.TryDispatch(message);
                break;
            default:
                if (!_inbox.TryDispatch(message))
                {
                    _logger.UnhandledStreamMessage(message.UpdateCase.ToString());
                }

                break;
        }
    }

    private void NoteNotPrimary(string rpc, RpcException ex)
    {
        _logger.NotPrimary(rpc, ex.Status.Detail ?? "");
        Publish(_mastership.ApplyNotPrimary(ex.Status.Detail ?? ""));
    }

    private P4RuntimeException Translate(RpcException ex, string rpc, TimeSpan deadline)
    {
        string detail = string.IsNullOrEmpty(ex.Status.Detail) ? "(no message)" : ex.Status.Detail.TrimEnd('.');
        string hint = ex.StatusCode switch
        {
            StatusCode.Unavailable => $" The server at {_options.Address} is unreachable; check that it is running.",
            StatusCode.DeadlineExceeded => $" No answer within {deadline}; raise the matching deadline option if the switch is slow.",
            StatusCode.PermissionDenied => $" Only the primary controller may do this; this client is {Mastership}.",
            StatusCode.FailedPrecondition => " If the device has no pipeline yet, call SetForwardingPipelineConfigAsync first.",
            StatusCode.Unimplemented => " The server does not implement this (BMv2 refuses, e.g., register and value-set entries).",
            StatusCode.NotFound => $" Check the device id ({_options.DeviceId}) and the entity ids.",
            _ => "",
        };
        if (ex.StatusCode == StatusCode.PermissionDenied)
        {
            NoteNotPrimary(rpc, ex);
        }

        return new P4RuntimeException(ex.StatusCode, $"P4Runtime {rpc} failed: {CanonicalCodes.Name(ex.StatusCode)}: {detail}.{hint}", ex);
    }

    private StreamSession RequireSession(string purpose)
    {
        StreamSession? session = Volatile.Read(ref _session);
        if (session is null || !session.IsOpen)
        {
            throw new P4RuntimeException(
                StatusCode.Unavailable,
                $"Cannot {purpose}: the P4Runtime stream to {_options.Address} is down ({Mastership.Message}). "
                + (_options.AutoReconnect
                    ? "The client is reconnecting; retry after the Reconnected event."
                    : "AutoReconnect is off; create a new client."));
        }

        return session;
    }

    private void Publish(MastershipChange? change)
    {
        if (change is not { } transition)
        {
            return;
        }

        _logger.MastershipChanged(transition.Previous.Status, transition.Current);
        EventHandler<MastershipChangedEventArgs>? handler = MastershipChanged;
        if (handler is null)
        {
            return;
        }

        try
        {
            handler(this, new MastershipChangedEventArgs(transition.Previous, transition.Current));
        }
        catch (Exception ex)
        {
            // A subscriber's bug must not take the stream reader down with it.
            _logger.EventHandlerFailed(nameof(MastershipChanged), ex);
        }
    }

    private void RaiseReconnected(ReconnectedEventArgs args)
    {
        EventHandler<ReconnectedEventArgs>? handler = Reconnected;
        if (handler is null)
        {
            return;
        }

        try
        {
            handler(this, args);
        }
        catch (Exception ex)
        {
            _logger.EventHandlerFailed(nameof(Reconnected), ex);
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
