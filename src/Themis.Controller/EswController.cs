using System.Diagnostics;
using System.Security.Cryptography;
using System.Threading.Channels;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using P4.Config.V1;
using P4.V1;
using Themis.Controller.Internal;
using Themis.P4Runtime;
using Themis.P4Runtime.Entities;
using Themis.P4Runtime.Info;
using Themis.Packets.SwitchInternal;

namespace Themis.Controller;

/// <summary>
/// The ESW controller: connects to the switch, becomes primary (or waits as a standby and takes over),
/// pushes or adopts the pipeline, rebuilds its state from the switch's tables, installs the static
/// configuration, and then serves digests, daemon packets, CNP copies and idle timeouts until cancelled —
/// reconnecting with backoff whenever the session is lost.
/// </summary>
public sealed class EswController : IAsyncDisposable
{
    private readonly ControllerConfig _config;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ControllerMetrics _metrics;
    private readonly PrometheusExporter _exporter;
    private readonly Lock _statusGate = new();
    private ControllerStatus _status;
    private EswState? _state;
    private UInt128 _electionId;
    private long _sessions;
    private readonly Lock _droppedLock = new();
    private P4RuntimeClient? _client;
    private (long PacketIns, long DigestLists, long IdleTimeouts, long StreamErrors) _droppedEarlier;
    private StatusEndpoint? _endpoint;
    private PipelineSource? _pipeline;
    private ChannelWriter<SessionEvent>? _serving;

    private const int RefusalWarningsPerSecond = 20;
    private readonly LogBudget _refusalLog = new(TimeSpan.FromSeconds(1), RefusalWarningsPerSecond);

    public EswController(ControllerConfig config, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        IReadOnlyList<string> errors = ControllerConfigLoader.Validate(config);
        if (errors.Count > 0)
        {
            throw new ControllerConfigException(errors);
        }

        _config = config;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<EswController>();
        _time = timeProvider ?? TimeProvider.System;
        _electionId = config.Switch.ElectionId;
        _status = new ControllerStatus
        {
            Switch = config.Switch.Address.ToString(),
            ElectionId = _electionId.ToString(),
            SlotCapacity = config.Themis.FlowSlots,
        };
        _metrics = new ControllerMetrics(() => Status, StreamMessagesDropped);
        _exporter = new PrometheusExporter(_metrics.Meter);
    }

    /// <summary>The configuration in force.</summary>
    public ControllerConfig Config => _config;

    /// <summary>A snapshot of the controller's state (thread-safe).</summary>
    public ControllerStatus Status
    {
        get
        {
            lock (_statusGate)
            {
                return _status;
            }
        }
    }

    /// <summary>The address of the metrics/status endpoint once it listens (null when disabled or not started).</summary>
    public Uri? HttpEndpoint => _endpoint?.Address;

    /// <summary>Raised (on the serving thread) after every status change; handlers must not block.</summary>
    public event EventHandler<ControllerStatus>? StatusChanged;

    /// <summary>The metrics in Prometheus text format, as <c>/metrics</c> serves them.</summary>
    public string RenderMetrics() => _exporter.Render();

    /// <summary>Waits until <see cref="Status"/> satisfies <paramref name="condition"/>.</summary>
    /// <exception cref="TimeoutException">It did not within <paramref name="timeout"/>.</exception>
    public async Task<ControllerStatus> WaitForAsync(Func<ControllerStatus, bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var reached = new TaskCompletionSource<ControllerStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(object? sender, ControllerStatus status)
        {
            if (condition(status))
            {
                reached.TrySetResult(status);
            }
        }

        StatusChanged += OnChanged;
        try
        {
            ControllerStatus now = Status;
            if (condition(now))
            {
                return now;
            }

            return await reached.Task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The controller did not reach the awaited state within {timeout}; it is {Status}.");
        }
        finally
        {
            StatusChanged -= OnChanged;
        }
    }

    /// <summary>
    /// The verified inter-DC host pairs with their expiry, asked of the serving loop (empty when not primary).
    /// </summary>
    /// <exception cref="TimeoutException">The serving loop did not answer within <paramref name="timeout"/> (overloaded).</exception>
    public async Task<IReadOnlyList<VerifiedPair>> GetVerifiedPairsAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ChannelWriter<SessionEvent>? serving = Volatile.Read(ref _serving);
        if (serving is null)
        {
            return [];
        }

        var reply = new TaskCompletionSource<List<VerifiedPair>>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await serving.WriteAsync(new PairsSnapshotEvent(_config.Timers.HostPairCapacity, reply, Stopwatch.GetTimestamp()), deadline.Token).ConfigureAwait(false);
            return await reply.Task.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return []; // the session ended meanwhile
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The controller's serving loop did not list the verified pairs within {timeout}; it is busy, try again.");
        }
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_config.Http.Enabled)
        {
            _endpoint = await StatusEndpoint.StartAsync(_config.Http.Listen, this, cancellationToken).ConfigureAwait(false);
            _logger.HttpListening($"{_endpoint.Address.Host}:{_endpoint.Address.Port}");
        }

        if (_config.Pipeline.Push != PipelinePushMode.Never)
        {
            // A program that does not compile will not compile on the next attempt either: fail now, clearly.
            _pipeline ??= PipelineSource.Load(_config.Pipeline);
        }

        TimeSpan delay = _config.Timers.ReconnectInitialDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            P4RuntimeClient? client = null;
            try
            {
                _logger.Connecting(_config.Switch.Address, _config.Switch.DeviceId, _electionId.ToString());
                client = await P4RuntimeClient.ConnectAsync(ClientOptions(), _loggerFactory, cancellationToken).ConfigureAwait(false);
                _client = client;
                if (Interlocked.Increment(ref _sessions) > 1)
                {
                    _metrics.Reconnect();
                }

                if (await RunSessionAsync(client, cancellationToken).ConfigureAwait(false))
                {
                    // The session served: the next loss starts the backoff afresh.
                    delay = _config.Timers.ReconnectInitialDelay;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is P4RuntimeException or Grpc.Core.RpcException or IOException or OperationCanceledException
                or InvalidOperationException or P4InfoLookupException or ControllerConfigException or HttpRequestException)
            {
                _logger.ConnectFailed(_config.Switch.Address, e.Message, delay);
                Publish(s => s with { Role = ControllerRole.Disconnected, LastError = e.Message });
            }
            finally
            {
                if (client is not null)
                {
                    await client.DisposeAsync().ConfigureAwait(false);
                    lock (_droppedLock)
                    {
                        _droppedEarlier = Add(_droppedEarlier, client.Statistics);
                        _client = null;
                    }
                }

                Publish(s => s with { Role = ControllerRole.Disconnected });
            }

            try
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _config.Timers.ReconnectMaxDelay.Ticks));
        }
    }

    /// <summary>
    /// Stream messages the client discarded because the serving loop fell behind (its queues drop the oldest), over
    /// all sessions: packet-ins, digest lists, idle-timeout notifications, stream errors.
    /// </summary>
    internal (long PacketIns, long DigestLists, long IdleTimeouts, long StreamErrors) StreamMessagesDropped()
    {
        lock (_droppedLock)
        {
            return _client is { } current ? Add(_droppedEarlier, current.Statistics) : _droppedEarlier;
        }
    }

    private static (long, long, long, long) Add((long PacketIns, long DigestLists, long IdleTimeouts, long StreamErrors) sum, P4RuntimeClientStatistics s) =>
        (sum.PacketIns + s.PacketInsDropped, sum.DigestLists + s.DigestListsDropped, sum.IdleTimeouts + s.IdleTimeoutNotificationsDropped, sum.StreamErrors + s.StreamErrorsDropped);

    public async ValueTask DisposeAsync()
    {
        if (_endpoint is not null)
        {
            await _endpoint.DisposeAsync().ConfigureAwait(false);
        }

        _exporter.Dispose();
        _metrics.Dispose();
    }

    private P4RuntimeClientOptions ClientOptions() => new()
    {
        Address = _config.Switch.Address,
        DeviceId = _config.Switch.DeviceId,
        ElectionId = _electionId,
        Role = _config.Switch.Role,
        AutoReconnect = false, // one path for first connect and reconnect: a new session re-checks the pipeline and rebuilds
        TimeProvider = _time,
    };

    /// <summary>One session: become primary, set up, serve. Returns whether it got as far as serving.</summary>
    private async Task<bool> RunSessionAsync(P4RuntimeClient client, CancellationToken cancellationToken)
    {
        await BecomePrimaryAsync(client, cancellationToken).ConfigureAwait(false);
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Leave the session as soon as we are no longer primary or the stream breaks.
        Task watch = WatchMastershipAsync(client, session);
        Task pumps = Task.CompletedTask;
        Channel<SessionEvent>? events = null;
        bool served = false;
        try
        {
            Publish(s => s with { Role = ControllerRole.SettingUp });
            (P4InfoIndex index, bool pushed) = await EnsurePipelineAsync(client, session.Token).ConfigureAwait(false);
            var program = new SwitchProgram(index, _config);
            IReadOnlyList<string> sizeErrors = program.CheckSizes();
            if (sizeErrors.Count > 0)
            {
                throw new ControllerConfigException(sizeErrors);
            }

            var state = new EswState(EswStateOptions.From(_config, program.SecretBits), _time, () => (ulong)RandomNumberGenerator.GetInt32(int.MaxValue) << 1 | (uint)RandomNumberGenerator.GetInt32(2));
            EswState? previous = _state;
            _state = state;
            var control = new ControlChannel(client, program);
            var executor = new ActionExecutor(client, program, control, state, _metrics, _logger, _config.Writes.MaxBatch);
            var reader = new DaemonPacketReader(_config, state.Replay);
            events = Channel.CreateBounded<SessionEvent>(new BoundedChannelOptions(8192) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

            pumps = Task.WhenAll(
                PumpPacketInsAsync(client, program, control, events.Writer, session.Token),
                PumpDigestsAsync(client, events.Writer, session.Token),
                PumpIdleTimeoutsAsync(client, events.Writer, session.Token),
                TickAsync(events.Writer, session.Token));

            int staticCount = await InstallStaticAsync(client, program, pushed, session.Token).ConfigureAwait(false);
            var actions = new List<SwitchAction>();
            await RebuildAsync(client, program, state, previous, pushed, actions, session.Token).ConfigureAwait(false);
            await executor.ExecuteAsync(actions, session.Token).ConfigureAwait(false);

            int dummies = 0;
            if (pushed)
            {
                // A fresh pipeline has an empty loop; an adopted one still circulates the dummies injected before.
                for (; dummies < _config.Themis.DummyCount; dummies++)
                {
                    byte[] frame = ThemisFrames.BuildDummy(Themis.Packets.Ethernet.MacAddress.Parse(_config.SwitchMac), (ushort)dummies, 1);
                    await client.SendPacketOutAsync(program.PacketOutTo(_config.Ports.Loop, frame), session.Token).ConfigureAwait(false);
                }
            }

            _logger.Serving(staticCount, dummies);
            _logger.BecamePrimary(_config.Switch.Address);
            Publish(s => s with { Role = ControllerRole.Primary, PipelinePushed = pushed, LastError = null });
            served = true;
            Volatile.Write(ref _serving, events.Writer);
            await ServeAsync(client, program, state, reader, executor, events.Reader, session.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (session.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Lost primary or the stream: the outer loop reconnects.
        }
        finally
        {
            Volatile.Write(ref _serving, null);
            await session.CancelAsync().ConfigureAwait(false);
            events?.Writer.TryComplete();
            await Task.WhenAll(pumps, watch).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }

        _logger.SessionEnded(client.Mastership.Message);
        return served;
    }

    private async Task BecomePrimaryAsync(P4RuntimeClient client, CancellationToken cancellationToken)
    {
        await foreach (MastershipState m in client.WatchMastershipAsync(cancellationToken).ConfigureAwait(false))
        {
            switch (m.Status)
            {
                case MastershipStatus.Primary:
                    return;
                case MastershipStatus.Backup:
                    _logger.Standby(m.PrimaryElectionId?.ToString() ?? "?");
                    Publish(s => s with { Role = ControllerRole.Standby });
                    break;
                case MastershipStatus.BackupNoPrimary:
                    // Specification arbitration: the primary left, and only an id at least as high as every id
                    // seen is promoted. Announce one above it (PI promotes the highest connected id by itself).
                    UInt128 seen = m.ServerElectionId ?? _electionId;
                    _electionId = (seen > _electionId ? seen : _electionId) + 1;
                    _logger.TakingOver(_electionId.ToString());
                    Publish(s => s with { ElectionId = _electionId.ToString() });
                    await client.UpdateElectionIdAsync(_electionId, cancellationToken).ConfigureAwait(false);
                    break;
                case MastershipStatus.Disconnected:
                    throw new P4RuntimeException(Grpc.Core.StatusCode.Unavailable, $"The stream to {_config.Switch.Address} ended: {m.Message}");
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task WatchMastershipAsync(P4RuntimeClient client, CancellationTokenSource session)
    {
        try
        {
            await foreach (MastershipState m in client.WatchMastershipAsync(session.Token).ConfigureAwait(false))
            {
                if (!m.IsPrimary)
                {
                    _logger.LostPrimary($"{m.Status}: {m.Message}");
                    await session.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<(P4InfoIndex Index, bool Pushed)> EnsurePipelineAsync(P4RuntimeClient client, CancellationToken cancellationToken)
    {
        PipelineConfig pipeline = _config.Pipeline;
        if (pipeline.Push == PipelinePushMode.Never)
        {
            if (pipeline.P4InfoPath is { Length: > 0 } path)
            {
                return (P4InfoIndex.Load(path), false);
            }

            ForwardingPipelineConfig? running = await GetRunningPipelineAsync(
                client, GetForwardingPipelineConfigRequest.Types.ResponseType.P4InfoAndCookie, cancellationToken).ConfigureAwait(false);
            if (running?.P4Info is null || running.P4Info.Tables.Count == 0)
            {
                throw new InvalidOperationException("pipeline.push is \"never\" but the switch runs no pipeline; push one or set pipeline.push to \"ifDifferent\".");
            }

            return (P4InfoIndex.FromP4Info(running.P4Info), false);
        }

        PipelineSource source = _pipeline ??= PipelineSource.Load(pipeline);
        if (pipeline.Push == PipelinePushMode.IfDifferent)
        {
            ForwardingPipelineConfig? running = await GetRunningPipelineAsync(
                client, GetForwardingPipelineConfigRequest.Types.ResponseType.CookieOnly, cancellationToken).ConfigureAwait(false);
            if (running?.Cookie is { } current && current.Cookie_ == source.Cookie)
            {
                _logger.PipelineKept(source.Cookie);
                return (P4InfoIndex.FromP4Info(source.P4Info), false);
            }
        }

        try
        {
            await client.SetForwardingPipelineConfigAsync(source.P4Info, source.DeviceConfig, source.Cookie,
                SetForwardingPipelineConfigRequest.Types.Action.VerifyAndCommit, cancellationToken).ConfigureAwait(false);
        }
        catch (P4RuntimeException e) when (e.StatusCode is Grpc.Core.StatusCode.InvalidArgument or Grpc.Core.StatusCode.FailedPrecondition
            or Grpc.Core.StatusCode.Unimplemented)
        {
            throw new PipelineRejectedException(
                $"The switch at {_config.Switch.Address} refused the pipeline ({pipeline.DeviceConfigPath}): {e.Message}"
                + " Check that pipeline.deviceConfig and pipeline.p4info are for this target (BMv2: p4c's JSON and P4Info; the embedded switch: the P4 source).", e);
        }

        _logger.PipelinePushed(source.Cookie);
        return (P4InfoIndex.FromP4Info(source.P4Info), true);
    }

    /// <summary>
    /// The switch's pipeline, or null when it runs none: PI answers FAILED_PRECONDITION "No forwarding pipeline
    /// config set for this device" (p4lang/PI proto/frontend/src/device_mgr.cpp), and so does the embedded switch.
    /// </summary>
    private static async Task<ForwardingPipelineConfig?> GetRunningPipelineAsync(
        P4RuntimeClient client, GetForwardingPipelineConfigRequest.Types.ResponseType type, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetForwardingPipelineConfigAsync(type, cancellationToken).ConfigureAwait(false);
        }
        catch (P4RuntimeException e) when (e.StatusCode == Grpc.Core.StatusCode.FailedPrecondition)
        {
            return null;
        }
    }

    /// <summary>
    /// Port roles, routes, clone sessions, the digest entry and the parameters. A fresh pipeline gets INSERTs;
    /// an adopted one gets MODIFYs (bringing what exists up to date), then INSERTs for what it lacked.
    /// </summary>
    private static async Task<int> InstallStaticAsync(P4RuntimeClient client, SwitchProgram program, bool pushed, CancellationToken cancellationToken)
    {
        var entities = program.StaticEntities().ToList();
        entities.Add(program.HandshakeDigestEntry());
        Func<Entity, Update> write = pushed ? P4Entities.Insert : P4Entities.Modify;
        var updates = entities.Select(write).ToList();
        updates.Add(P4Entities.Modify(program.ParamsDefault()));
        try
        {
            await client.WriteAsync(updates, WriteRequest.Types.Atomicity.ContinueOnError, cancellationToken).ConfigureAwait(false);
        }
        catch (P4RuntimeWriteException e) when (e.Failures.Count > 0 && e.Failures.All(f =>
            f.Code == (f.Update.Type == Update.Types.Type.Insert ? Grpc.Core.StatusCode.AlreadyExists : Grpc.Core.StatusCode.NotFound)))
        {
            // Someone else's state (an insert that exists) or a partial setup (a modify of what is missing): flip them.
            await client.WriteAsync(
                e.Failures.Select(f => f.Update.Type == Update.Types.Type.Insert ? P4Entities.Modify(f.Update.Entity) : P4Entities.Insert(f.Update.Entity)),
                WriteRequest.Types.Atomicity.ContinueOnError, cancellationToken).ConfigureAwait(false);
        }

        return updates.Count;
    }

    /// <summary>
    /// Rebuilds the state for a new session. An adopted pipeline is the truth: its qp_field and cnp_store
    /// entries and cookie secret are read back, and the pairs this process had verified keep their verified marks.
    /// A pushed one is empty; when this process served before (the switch restarted and lost its state), the flows
    /// it had installed are installed again in their slots, and the pairs it had verified stay verified, so no
    /// registration is lost with the switch.
    /// </summary>
    private async Task RebuildAsync(
        P4RuntimeClient client, SwitchProgram program, EswState state, EswState? previous, bool pushed, List<SwitchAction> actions, CancellationToken cancellationToken)
    {
        var qps = new List<InstalledQp>();
        var stores = new List<(LocalQp, int)>();
        ulong? secret = null;
        if (!pushed)
        {
            await foreach (Entity entity in client.ReadAsync([program.AllQpFieldEntries(), program.AllCnpStoreEntries(), program.CookieSecretsDefaultFilter()], cancellationToken).ConfigureAwait(false))
            {
                if (entity.TableEntry is not { } entry)
                {
                    continue;
                }

                if (entry.IsDefaultAction)
                {
                    if (program.TryReadCookieSecret(entry, out ulong current))
                    {
                        secret = current;
                    }
                }
                else if (program.TryReadQpEntry(entry, out InstalledQp qp))
                {
                    qps.Add(qp);
                }
                else if (program.TryReadCnpStoreEntry(entry, out LocalQp storeQp, out int slot))
                {
                    stores.Add((storeQp, slot));
                }
            }
        }

        if (pushed && previous is not null)
        {
            qps.AddRange(previous.Registrations.Installed);
        }

        RebuildReport report = state.Rebuild(qps, stores, secret, pushed, actions);
        if (pushed && previous is not null)
        {
            foreach (InstalledQp qp in state.Registrations.Installed)
            {
                actions.Add(new InstallQpEntry(qp.Key, qp.LocalQpn, qp.Slot) { Entry = qp });
            }

            foreach (HostPair pair in previous.Pairs.Pairs.Where(previous.Pairs.Contains))
            {
                state.Pairs.AddOrRefresh(pair);
            }
        }
        if (!pushed)
        {
            // A verified mark the controller cannot account for would never produce a digest again, so such marks are
            // cleared. The pairs this process verified itself while it was primary before (it lost primacy, or the
            // session broke) are accounted for: it knows their cells from the digests, so they stay verified on both
            // sides and their hosts can register without a new handshake.
            var kept = new HashSet<int>();
            foreach (HostPair pair in previous?.Pairs.Pairs.Where(previous.Pairs.Contains).ToList() ?? [])
            {
                int index = previous!.Pairs.DataPlaneIndexOf(pair);
                if (index >= 0 && index < program.VerifiedPairsSize)
                {
                    state.Pairs.AddOrRefresh(pair, index);
                    kept.Add(index);
                }
            }

            for (int i = 0; i < program.VerifiedPairsSize; i++)
            {
                if (!kept.Contains(i))
                {
                    actions.Add(new ClearVerifiedPair(i));
                }
            }
        }

        _logger.Rebuilt(report.Adopted, report.Removed, state.CnpStore.Count);
        PublishState(state);
    }

    /// <summary>
    /// The serving loop. It decides events against the state as they come and writes what they need in batches,
    /// with one batch in flight while the next one fills: a registration arriving while a Write is out waits
    /// only for that Write, and under load each Write carries everything that arrived during the previous one
    /// (up to <c>writes.maxEventsPerBatch</c> events). Batches are written strictly one after another, so the
    /// switch sees removals, resets and installs in the order they were decided.
    /// </summary>
    private async Task ServeAsync(
        P4RuntimeClient client, SwitchProgram program, EswState state, DaemonPacketReader reader,
        ActionExecutor executor, ChannelReader<SessionEvent> events, CancellationToken cancellationToken)
    {
        var filling = new ServeBatch();
        var flying = new ServeBatch();
        Task? write = null;
        Task<bool>? more = null;
        bool closed = false;
        int maxEvents = _config.Writes.MaxEventsPerBatch;
        try
        {
            while (true)
            {
                for (; filling.Events < maxEvents && events.TryRead(out SessionEvent? e); filling.Events++)
                {
                    Decide(e, program, state, reader, filling);
                }

                if (write is not null)
                {
                    if (!write.IsCompleted && filling.Events < maxEvents && !closed)
                    {
                        // Keep deciding while the Write is out; whichever comes first: the Write's answer or more events.
                        more ??= events.WaitToReadAsync(cancellationToken).AsTask();
                        await Task.WhenAny(write, more).ConfigureAwait(false);
                        if (more.IsCompleted)
                        {
                            closed = !await more.ConfigureAwait(false);
                            more = null;
                            if (!closed && !write.IsCompleted)
                            {
                                continue;
                            }
                        }
                    }

                    await write.ConfigureAwait(false);
                    write = null;
                    await CompleteAsync(client, state, flying, filling, cancellationToken).ConfigureAwait(false);
                }

                if (filling.Events == 0 && filling.Actions.Count == 0)
                {
                    if (closed)
                    {
                        return; // the session is ending and everything decided is written
                    }

                    closed = !await (more ?? events.WaitToReadAsync(cancellationToken).AsTask()).ConfigureAwait(false);
                    more = null;
                    continue;
                }

                (filling, flying) = (flying, filling);
                flying.Written = (state.Registrations.InstalledCount, state.Slots.InUse, state.CnpStore.Count);
                write = executor.ExecuteAsync(flying.Actions, flying.Refused, cancellationToken);
            }
        }
        finally
        {
            if (write is not null)
            {
                // Leaving (cancelled or failed): the Write ends with the session's token; observe its outcome.
                await Task.WhenAny(write).ConfigureAwait(false);
                _ = write.Exception;
            }
        }
    }

    /// <summary>Decides one event into <paramref name="batch"/>.</summary>
    private void Decide(SessionEvent e, SwitchProgram program, EswState state, DaemonPacketReader reader, ServeBatch batch)
    {
        int before = batch.Actions.Count;
        Handle(e, program, state, reader, batch.Actions, batch.Acks);
        if (e is PacketInEvent)
        {
            for (int i = before; i < batch.Actions.Count; i++)
            {
                if (batch.Actions[i] is InstallQpEntry install)
                {
                    batch.Registrations.Add((install, e.ReceivedAt));
                }
            }
        }
    }

    /// <summary>
    /// A batch's Write returned: hand refusals back to the state (their follow-ups join the next batch), record the
    /// registrations' latency, acknowledge the digests and publish what is now on the switch.
    /// </summary>
    private async Task CompleteAsync(P4RuntimeClient client, EswState state, ServeBatch done, ServeBatch next, CancellationToken cancellationToken)
    {
        (int installed, int slots, int cnpStore) = done.Written;
        foreach (SwitchAction action in done.Refused)
        {
            state.OnInstallRefused(action, next.Actions);
            if (action is InstallQpEntry)
            {
                installed--;
                slots--;
            }
            else if (action is InstallCnpStoreEntry)
            {
                cnpStore--;
            }
        }

        foreach ((InstallQpEntry install, long receivedAt) in done.Registrations)
        {
            if (!done.Refused.Contains(install))
            {
                _metrics.RegistrationLatency(Stopwatch.GetElapsedTime(receivedAt));
            }
        }

        foreach (DigestList list in done.Acks)
        {
            await client.AckDigestListAsync(list, cancellationToken).ConfigureAwait(false);
        }

        done.Clear();

        // Entries decided into the next batch are not on the switch yet: publish the counts as of this batch.
        Publish(s => s with
        {
            InstalledFlows = installed,
            SlotsInUse = slots,
            PendingRegistrations = state.Registrations.PendingCount,
            VerifiedPairs = state.Pairs.Count,
            CnpStoreEntries = cnpStore,
            Sessions = Interlocked.Read(ref _sessions),
        });
    }

    private void Handle(SessionEvent e, SwitchProgram program, EswState state, DaemonPacketReader reader, List<SwitchAction> actions, List<DigestList> acks)
    {
        switch (e)
        {
            case PacketInEvent p when p.Info.Reason == PuntReason.DaemonPacket:
            {
                DaemonOutcome outcome = reader.TryRead(p.Packet.Payload.Span, p.Info.IngressPort, out Internal.DaemonEvent daemon, out uint source)
                    ?? state.OnDaemonEvent(daemon, actions);
                _metrics.DaemonPacket(outcome);
                if (outcome is DaemonOutcome.Malformed or DaemonOutcome.BadMac or DaemonOutcome.WrongKey or DaemonOutcome.UnknownHost
                    or DaemonOutcome.WrongPort or DaemonOutcome.Replayed or DaemonOutcome.Stale or DaemonOutcome.Unauthenticated or DaemonOutcome.FormatRejected)
                {
                    if (_logger.IsEnabled(LogLevel.Warning) && _refusalLog.TryTake(_time.GetUtcNow().UtcTicks, out long suppressed))
                    {
                        if (suppressed > 0)
                        {
                            _logger.DaemonRefusalsSuppressed(suppressed, RefusalWarningsPerSecond);
                        }

                        _logger.DaemonRefused(Ipv4.Format(source), p.Info.IngressPort, outcome);
                    }
                }
                else if (outcome == DaemonOutcome.SlotsExhausted)
                {
                    _logger.SlotsExhausted(daemon.Key.ToString(), state.Slots.Capacity);
                }
                else if (_logger.IsEnabled(LogLevel.Debug))
                {
                    _logger.DaemonPacket(Ipv4.Format(source), outcome);
                }

                break;
            }

            case PacketInEvent p when p.Info.Reason == PuntReason.CnpCopy:
            {
                // The CNP goes from the local receiver toward the WAN: its IPv4 source is the local host.
                CnpOutcome outcome = TryLocalSource(p.Packet.Payload.Span, out uint localIp)
                    ? state.OnCnpCopy(new LocalQp(localIp, p.Info.LocalQpn), p.Info.CacheIndex, p.Info.CacheEntry, actions)
                    : CnpOutcome.Malformed;
                _metrics.CnpCopy(outcome);
                if (_logger.IsEnabled(LogLevel.Debug))
                {
                    _logger.CnpCopy(new LocalQp(localIp, p.Info.LocalQpn).ToString(), outcome);
                }
                break;
            }

            case PacketInEvent p:
                if (_logger.IsEnabled(LogLevel.Debug))
                {
                    _logger.PacketInIgnored(p.Info.Reason.ToString(), p.Info.IngressPort, p.Packet.Payload.Length);
                }

                break;

            case DigestEvent d:
                if (d.List.DigestId == program.DigestId)
                {
                    foreach (P4Data data in d.List.Data)
                    {
                        if (SwitchProgram.TryReadHandshake(data, out HostPair pair, out int index))
                        {
                            HandshakeResult result = state.OnHandshake(pair, actions, index);
                            _metrics.HandshakeDigest(result.NewPair);
                            foreach ((LocalQp qp, DaemonOutcome outcome) in result.Promoted)
                            {
                                _metrics.DaemonPacket(outcome == DaemonOutcome.Installed ? DaemonOutcome.Installed : outcome);
                            }

                            if (_logger.IsEnabled(LogLevel.Debug))
                            {
                                _logger.Handshake(pair.ToString(), result.NewPair, result.Promoted.Count);
                            }
                        }
                    }
                }

                acks.Add(d.List);
                break;

            case IdleTimeoutEvent idle:
                foreach (TableEntry entry in idle.Notification.TableEntry)
                {
                    if (program.TryReadCnpStoreEntry(entry, out LocalQp qp, out _) || TryCnpStoreKey(program, entry, out qp))
                    {
                        state.OnCnpStoreIdle(qp, actions);
                    }
                }

                break;

            case PairsSnapshotEvent snapshot:
                snapshot.Reply.TrySetResult(state.Pairs.Snapshot(snapshot.Limit));
                break;

            case TickEvent:
                if (_refusalLog.TakeSuppressed(_time.GetUtcNow().UtcTicks) is > 0 and long held)
                {
                    _logger.DaemonRefusalsSuppressed(held, RefusalWarningsPerSecond);
                }

                if (state.Tick(actions).SecretsRotated)
                {
                    _logger.SecretsRotated();
                }

                break;
        }
    }

    private static bool TryCnpStoreKey(SwitchProgram program, TableEntry entry, out LocalQp qp)
    {
        // Idle notifications may carry the key only; read it with a placeholder action.
        var withAction = entry.Clone();
        withAction.Action = program.CnpStoreEntry(new LocalQp(1, 1), 0).TableEntry.Action;
        return program.TryReadCnpStoreEntry(withAction, out qp, out _);
    }

    private static bool TryLocalSource(ReadOnlySpan<byte> frame, out uint source)
    {
        source = 0;
        if (!Themis.Packets.Ethernet.EthernetHeader.TryReadFrom(frame, out Themis.Packets.Ethernet.EthernetHeader eth) || eth.EtherType != 0x0800
            || !Themis.Packets.IPv4.IPv4Header.TryReadFrom(frame[Themis.Packets.Ethernet.EthernetHeader.Size..], out Themis.Packets.IPv4.IPv4Header ip))
        {
            return false;
        }

        source = ip.Source.Value;
        return true;
    }

    private async Task PumpPacketInsAsync(P4RuntimeClient client, SwitchProgram program, ControlChannel control, ChannelWriter<SessionEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (PacketIn packet in client.ReadPacketInsAsync(cancellationToken).ConfigureAwait(false))
            {
                long now = Stopwatch.GetTimestamp();
                if (!program.TryReadPacketIn(packet, out PacketInInfo info))
                {
                    _logger.PacketInIgnored("undecodable metadata", 0, packet.Payload.Length);
                    continue;
                }

                if (info.Reason == PuntReason.ControlReply)
                {
                    control.Complete(packet.Payload.Span);
                    continue;
                }

                await events.WriteAsync(new PacketInEvent(packet, info, now), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ChannelClosedException)
        {
        }
    }

    private static async Task PumpDigestsAsync(P4RuntimeClient client, ChannelWriter<SessionEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (DigestList list in client.ReadDigestListsAsync(cancellationToken).ConfigureAwait(false))
            {
                await events.WriteAsync(new DigestEvent(list, Stopwatch.GetTimestamp()), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
        }
    }

    private static async Task PumpIdleTimeoutsAsync(P4RuntimeClient client, ChannelWriter<SessionEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (IdleTimeoutNotification n in client.ReadIdleTimeoutNotificationsAsync(cancellationToken).ConfigureAwait(false))
            {
                await events.WriteAsync(new IdleTimeoutEvent(n, Stopwatch.GetTimestamp()), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
        }
    }

    private async Task TickAsync(ChannelWriter<SessionEvent> events, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100), _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                events.TryWrite(new TickEvent(Stopwatch.GetTimestamp()));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void PublishState(EswState state) => Publish(s => s with
    {
        InstalledFlows = state.Registrations.InstalledCount,
        SlotsInUse = state.Slots.InUse,
        PendingRegistrations = state.Registrations.PendingCount,
        VerifiedPairs = state.Pairs.Count,
        CnpStoreEntries = state.CnpStore.Count,
        Sessions = Interlocked.Read(ref _sessions),
    });

    private void Publish(Func<ControllerStatus, ControllerStatus> change)
    {
        ControllerStatus next;
        lock (_statusGate)
        {
            next = change(_status);
            if (next == _status)
            {
                return;
            }

            _status = next;
        }

        StatusChanged?.Invoke(this, next);
    }
}
