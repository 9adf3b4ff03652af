using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Themis.Switch.Pipeline;
using Themis.Switch.Ports;
using Themis.Switch.Runtime.Replication;

namespace Themis.Switch.Engine;

/// <summary>
/// The v1model data plane: ports, the ingress buffer, the program, the traffic manager (unicast,
/// drop, multicast, clone I2E/E2E, resubmit, recirculate, truncate, per-port queues with rate,
/// depth and link delay) and the CPU port. All pipeline work runs on one loop, so programs see
/// registers and tables without data races (the queue pumps and link delays only keep time).
/// </summary>
public sealed partial class SoftwareSwitch : IAsyncDisposable
{
    private readonly Channel<Work> _work;
    private readonly ConcurrentDictionary<uint, ISwitchPort> _ports = new();
    private readonly ConcurrentDictionary<uint, EgressQueue> _queues = new();
    private readonly ConcurrentDictionary<uint, Channel<(long Due, byte[] Frame)>> _delayLines = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _tasks = [];
    private readonly ILogger _logger;
    private readonly long _startTimestamp;
    private Loaded? _loaded;
    private long _packetIds;
    private long _pending;

    /// <summary>Creates a stopped switch with no pipeline; call <see cref="Start"/>.</summary>
    public SoftwareSwitch(SwitchOptions options, TimeProvider? time = null, ILogger<SoftwareSwitch>? logger = null)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        if (options.CpuPort is 0 or SwitchConstants.DropPort)
        {
            throw new ArgumentException($"CPU port {options.CpuPort} is reserved (0 is not allowed by BMv2's PI, {SwitchConstants.DropPort} is the drop port); pick another, e.g. 255.", nameof(options));
        }

        Time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _startTimestamp = Time.GetTimestamp();
        // Synchronous continuations: when the pipeline loop is parked on an empty buffer, the thread that
        // queues the next frame (a port's receive thread) runs the loop itself instead of waking a
        // thread-pool worker; the wake-ups had cost more CPU per frame than the pipeline (veth benchmark).
        // While the loop is busy, writers only queue.
        _work = Channel.CreateBounded<Work>(new BoundedChannelOptions(options.IngressBufferPackets) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait, AllowSynchronousContinuations = true });
    }

    /// <summary>The options the switch was created with.</summary>
    public SwitchOptions Options { get; }

    /// <summary>The switch clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>Packet statistics.</summary>
    public SwitchCounters Counters { get; } = new();

    /// <summary>Multicast groups and clone sessions (kept across pipeline loads until cleared by a new one).</summary>
    public PacketReplicationEngine Replication { get; } = new();

    /// <summary>The loaded pipeline's state, or null before the first load.</summary>
    public SwitchState? State => _loaded?.State;

    /// <summary>Called with each frame sent to the CPU port (the packet_in header still in front).</summary>
    public Func<byte[], ValueTask>? CpuPortHandler { get; set; }

    /// <summary>Called with each digest the program emits.</summary>
    public Action<DigestSample>? DigestHandler { get; set; }

    /// <summary>Called with each finished packet trace when <see cref="SwitchOptions.TracePackets"/> is on.</summary>
    public Action<PacketTrace>? TraceHandler { get; set; }

    /// <summary>Microseconds since the switch started (BMv2's timestamp base).</summary>
    public ulong NowMicros => (ulong)Time.GetElapsedTime(_startTimestamp).TotalMicroseconds;

    /// <summary>Loads a pipeline: new tables and externs, multicast groups and clone sessions cleared.</summary>
    public SwitchState Load(PipelineDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Replication.Clear();
        var state = new SwitchState(definition, Replication, Time);
        IPipelineInstance instance = definition.Program.Instantiate(state);
        Volatile.Write(ref _loaded, new Loaded(state, instance));
        return state;
    }

    /// <summary>
    /// Loads a pipeline keeping multicast groups and clone sessions: <paramref name="prepare"/> fills
    /// the new state (from the old one, which is still live) before the switch changes over. If it
    /// throws, nothing changes. Run it between packets (<see cref="RunBetweenPacketsAsync"/>) so no
    /// packet's count is lost in between.
    /// </summary>
    public SwitchState Reload(PipelineDefinition definition, Action<SwitchState> prepare)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(prepare);
        var state = new SwitchState(definition, Replication, Time);
        IPipelineInstance instance = definition.Program.Instantiate(state);
        prepare(state);
        Volatile.Write(ref _loaded, new Loaded(state, instance));
        return state;
    }

    /// <summary>
    /// Runs <paramref name="action"/> on the pipeline loop between two packets: no packet is in
    /// ingress or egress while it runs, so a packet sees the state before or after it, never a part
    /// (what P4Runtime's DATAPLANE_ATOMIC asks). Needs a started switch.
    /// </summary>
    public async Task<T> RunBetweenPacketsAsync<T>(Func<T> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Run()
        {
            try
            {
                done.TrySetResult(action());
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        }

        await WriteWorkAsync(new Work(null!, false, 0, 0, Run), cancellationToken).ConfigureAwait(false);
        return await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds a port; frames it receives enter ingress once the switch is started.</summary>
    public void AddPort(ISwitchPort port)
    {
        ArgumentNullException.ThrowIfNull(port);
        if (port.Number == SwitchConstants.DropPort || port.Number == Options.CpuPort)
        {
            throw new ArgumentException($"Port number {port.Number} is reserved (drop port or CPU port); choose another.", nameof(port));
        }

        if (!_ports.TryAdd(port.Number, port))
        {
            throw new ArgumentException($"Port {port.Number} already exists.", nameof(port));
        }

        port.Start(Receive);
    }

    /// <summary>Adds an in-memory port numbered <paramref name="number"/> and returns it.</summary>
    public InMemoryPort AddInMemoryPort(uint number)
    {
        var port = new InMemoryPort(number);
        AddPort(port);
        return port;
    }

    /// <summary>The ports added so far.</summary>
    public IReadOnlyCollection<ISwitchPort> Ports => [.. _ports.Values];

    /// <summary>Starts the pipeline loop and the queue pumps.</summary>
    public void Start()
    {
        _tasks.Add(Task.Run(() => RunAsync(_stop.Token)));
    }

    /// <summary>A frame arriving on <paramref name="port"/> (called by ports).</summary>
    public void Receive(uint port, byte[] frame)
    {
        Counters.AddReceived();
        var packet = new PacketContext(frame, new StandardMetadata { IngressPort = port, PacketLength = (uint)frame.Length, InstanceType = InstanceType.Normal });
        Interlocked.Increment(ref _pending);
        if (!_work.Writer.TryWrite(new Work(packet, false, 0, 0)))
        {
            Interlocked.Decrement(ref _pending);
            Counters.AddIngressOverflow();
        }
    }

    /// <summary>Injects a frame from the controller on the CPU port (PacketOut, packet_out header already in front).</summary>
    public ValueTask InjectFromCpuAsync(byte[] frame, CancellationToken cancellationToken)
    {
        uint cpu = Options.CpuPort ?? throw new InvalidOperationException("No CPU port is configured; start the switch with --cpu-port.");
        Counters.AddReceived();
        var packet = new PacketContext(frame, new StandardMetadata { IngressPort = cpu, PacketLength = (uint)frame.Length });
        return WriteWorkAsync(new Work(packet, false, 0, 0), cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _work.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected: the loops stop by cancellation.
        }

        foreach (ISwitchPort port in _ports.Values)
        {
            await port.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        ChannelReader<Work> reader = _work.Reader;

        // Drain everything that is queued synchronously; only wait (asynchronously) when the buffer is empty.
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out Work work))
            {
                ValueTask step = ProcessAsync(work, cancellationToken);
                if (!step.IsCompletedSuccessfully)
                {
                    await step.ConfigureAwait(false);
                }
            }
        }
    }

    private async ValueTask ProcessAsync(Work work, CancellationToken cancellationToken)
    {
        if (work.Control is { } control)
        {
            control();
            Interlocked.Decrement(ref _pending);
            return;
        }

        Loaded? loaded = Volatile.Read(ref _loaded);
        if (loaded is null)
        {
            Counters.AddDropped();
            Interlocked.Decrement(ref _pending);
            return;
        }

        try
        {
            if (work.Egress)
            {
                await EgressAsync(loaded, work.Packet, work.EnqueuedAt, work.Depth, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await IngressAsync(loaded, work.Packet, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Counters.AddError();
            work.Packet.ReleaseState();
            work.Packet.Trace?.Add($"program error: {e.Message}");
            LogPacketError(e, work.Packet.Metadata.IngressPort);
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    /// <summary>
    /// Completes when no packet is waiting for or in the pipeline (packets held by a rate-limited
    /// queue or a link delay are not counted). Tests use it to check that nothing else left the switch.
    /// </summary>
    public async Task WaitIdleAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        long deadline = Time.GetTimestamp() + (long)(timeout.TotalSeconds * Time.TimestampFrequency);
        while (Volatile.Read(ref _pending) > 0)
        {
            if (Time.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"The switch still had {Volatile.Read(ref _pending)} packet(s) in the pipeline after {timeout}.");
            }

            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        }
    }

    private ValueTask WriteWorkAsync(Work work, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _pending);
        return _work.Writer.WriteAsync(work, cancellationToken);
    }

    private bool TryWriteWork(Work work)
    {
        Interlocked.Increment(ref _pending);
        if (_work.Writer.TryWrite(work))
        {
            return true;
        }

        Interlocked.Decrement(ref _pending);
        return false;
    }

    private async ValueTask IngressAsync(Loaded loaded, PacketContext packet, CancellationToken cancellationToken)
    {
        StandardMetadata meta = packet.Metadata;
        meta.IngressGlobalTimestamp = NowMicros;
        if (Options.TracePackets)
        {
            packet.Trace ??= new PacketTrace(Interlocked.Increment(ref _packetIds));
            packet.Trace.Add($"ingress port {meta.IngressPort}, {packet.Data.Length} bytes, instance_type {meta.InstanceType}");
        }

        loaded.Instance.Ingress(packet);
        EmitDigests(packet);

        // Order as in BMv2 simple_switch's ingress thread: clone, resubmit, multicast, unicast/drop.
        if (packet.Clone is CloneRequest clone)
        {
            await CloneAsync(loaded, packet, clone, packet.Data, InstanceType.IngressClone, cancellationToken).ConfigureAwait(false);
        }

        if (packet.ResubmitFieldList >= 0)
        {
            var copy = new PacketContext(packet.Data, new StandardMetadata { IngressPort = meta.IngressPort, PacketLength = (uint)packet.Data.Length, InstanceType = InstanceType.Resubmit })
            {
                State = packet.State?.PreserveFieldList(packet.ResubmitFieldList),
                Trace = packet.Trace,
            };
            packet.Trace?.Add("resubmit");
            packet.ReleaseState();
            await WriteWorkAsync(new Work(copy, false, 0, 0), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (meta.McastGrp != 0)
        {
            if (!Replication.TryGetGroup(meta.McastGrp, out MulticastGroup group))
            {
                packet.Trace?.Add($"multicast group {meta.McastGrp} does not exist: dropped");
                Finish(packet, dropped: true);
                return;
            }

            packet.Trace?.Add($"multicast group {meta.McastGrp}: {group.Replicas.Count} replicas");
            foreach (Replica replica in group.Replicas)
            {
                var copy = new PacketContext(packet.Data, meta.Clone()) { State = packet.State?.Clone(), Trace = packet.Trace };
                copy.Metadata.InstanceType = InstanceType.Replication;
                copy.Metadata.EgressPort = replica.EgressPort;
                copy.Metadata.EgressRid = replica.Instance;
                await EnqueueAsync(loaded, copy, cancellationToken).ConfigureAwait(false);
            }

            // The replicas carry their own copies; the original goes no further.
            packet.ReleaseState();
            return;
        }

        if (meta.EgressSpec == SwitchConstants.DropPort)
        {
            packet.Trace?.Add("dropped in ingress");
            Finish(packet, dropped: true);
            return;
        }

        // BMv2 simple_switch marks a unicast packet NORMAL before enqueueing it (even a resubmitted or recirculated one).
        meta.EgressPort = meta.EgressSpec;
        meta.InstanceType = InstanceType.Normal;
        await EnqueueAsync(loaded, packet, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask CloneAsync(Loaded loaded, PacketContext packet, CloneRequest clone, byte[] data, uint instanceType, CancellationToken cancellationToken)
    {
        if (!Replication.TryGetSession(clone.SessionId, out CloneSession session))
        {
            packet.Trace?.Add($"clone session {clone.SessionId} does not exist: no clone");
            return;
        }

        foreach (Replica replica in session.Replicas)
        {
            var meta = new StandardMetadata
            {
                IngressPort = packet.Metadata.IngressPort,
                InstanceType = instanceType,
                PacketLength = (uint)data.Length,
                EgressPort = replica.EgressPort,
                EgressSpec = replica.EgressPort,
                EgressRid = replica.Instance,
            };
            var copy = new PacketContext(data, meta)
            {
                State = clone.FieldListIndex >= 0 ? packet.State?.PreserveFieldList(clone.FieldListIndex) : packet.State?.PreserveFieldList(-1),
                Trace = packet.Trace,
                TruncateLength = session.PacketLengthBytes > 0 ? (uint)session.PacketLengthBytes : 0,
            };
            packet.Trace?.Add($"clone session {session.SessionId} → port {replica.EgressPort}");
            await EnqueueAsync(loaded, copy, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask EnqueueAsync(Loaded loaded, PacketContext packet, CancellationToken cancellationToken)
    {
        uint port = packet.Metadata.EgressPort;
        EgressQueue queue = _queues.TryGetValue(port, out EgressQueue? existing) ? existing : _queues.GetOrAdd(port, CreateQueue);
        long now = Time.GetTimestamp();
        packet.Metadata.EnqTimestamp = (uint)NowMicros;
        if (!queue.IsRateLimited)
        {
            // An unlimited queue drains at once: depth 0 on both sides, no time in queue.
            packet.Metadata.EnqQdepth = 0;
            await EgressAsync(loaded, packet, now, 0, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!queue.TryEnqueue(packet, now, out int depth))
        {
            Counters.AddQueueDrop();
            packet.Trace?.Add($"egress queue of port {port} full: dropped");
            Finish(packet, dropped: false);
            return;
        }

        packet.Metadata.EnqQdepth = (uint)depth;
    }

    private EgressQueue CreateQueue(uint port)
    {
        var queue = new EgressQueue(port, Options.SettingsFor(port));
        if (queue.IsRateLimited)
        {
            lock (_tasks)
            {
                _tasks.Add(Task.Run(() => queue.PumpAsync(Time, (p, at, depth) => TryWriteWork(new Work(p, true, at, depth)), _stop.Token)));
            }
        }

        return queue;
    }

    private async ValueTask EgressAsync(Loaded loaded, PacketContext packet, long enqueuedAt, int depth, CancellationToken cancellationToken)
    {
        StandardMetadata meta = packet.Metadata;
        meta.DeqQdepth = (uint)depth;
        meta.DeqTimedelta = (uint)Time.GetElapsedTime(enqueuedAt).TotalMicroseconds;
        meta.EgressGlobalTimestamp = NowMicros;
        // BMv2 sets egress_spec to drop_port + 1 before egress; in a 9-bit field that reads as 0.
        meta.EgressSpec = 0;
        packet.ClearRequests();
        packet.Trace?.Add($"egress port {meta.EgressPort}, instance_type {meta.InstanceType}");
        loaded.Instance.Egress(packet);
        EmitDigests(packet);
        byte[] output = packet.Output ?? packet.Data;

        if (packet.Clone is CloneRequest clone)
        {
            await CloneAsync(loaded, packet, clone, output, InstanceType.EgressClone, cancellationToken).ConfigureAwait(false);
        }

        if (meta.EgressSpec == SwitchConstants.DropPort)
        {
            packet.Trace?.Add("dropped in egress");
            Finish(packet, dropped: true);
            return;
        }

        if (packet.RecirculateFieldList >= 0)
        {
            var copy = new PacketContext(output, new StandardMetadata { IngressPort = meta.EgressPort, PacketLength = (uint)output.Length, InstanceType = InstanceType.Recirculated })
            {
                State = packet.State?.PreserveFieldList(packet.RecirculateFieldList),
                Trace = packet.Trace,
            };
            packet.Trace?.Add("recirculate");
            packet.ReleaseState();
            await WriteWorkAsync(new Work(copy, false, 0, 0), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (packet.TruncateLength > 0 && output.Length > packet.TruncateLength)
        {
            output = output[..(int)packet.TruncateLength];
        }

        await TransmitAsync(meta.EgressPort, output, packet, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask TransmitAsync(uint port, byte[] frame, PacketContext packet, CancellationToken cancellationToken)
    {
        if (port == Options.CpuPort)
        {
            packet.Trace?.Add($"to CPU, {frame.Length} bytes");
            Counters.AddTransmitted();
            Finish(packet, dropped: false);
            if (CpuPortHandler is { } handler)
            {
                await handler(frame).ConfigureAwait(false);
            }

            return;
        }

        if (!_ports.TryGetValue(port, out ISwitchPort? target))
        {
            packet.Trace?.Add($"port {port} does not exist: dropped");
            Finish(packet, dropped: true);
            return;
        }

        packet.Trace?.Add($"transmit on port {port}, {frame.Length} bytes");
        Counters.AddTransmitted();
        Finish(packet, dropped: false);
        TimeSpan delay = Options.Ports.Count == 0 ? Options.DefaultPortSettings.LinkDelay : Options.SettingsFor(port).LinkDelay;
        if (delay <= TimeSpan.Zero)
        {
            await target.SendAsync(frame, cancellationToken).ConfigureAwait(false);
            return;
        }

        Channel<(long Due, byte[] Frame)> line = _delayLines.GetOrAdd(port, p => CreateDelayLine(target));
        long due = Time.GetTimestamp() + (long)(delay.TotalSeconds * Time.TimestampFrequency);
        await line.Writer.WriteAsync((due, frame), cancellationToken).ConfigureAwait(false);
    }

    private Channel<(long Due, byte[] Frame)> CreateDelayLine(ISwitchPort target)
    {
        var line = Channel.CreateUnbounded<(long Due, byte[] Frame)>(new UnboundedChannelOptions { SingleReader = true });
        lock (_tasks)
        {
            _tasks.Add(Task.Run(async () =>
            {
                await foreach ((long due, byte[] frame) in line.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
                {
                    TimeSpan wait = Time.GetElapsedTime(Time.GetTimestamp(), due);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, Time, _stop.Token).ConfigureAwait(false);
                    }

                    await target.SendAsync(frame, _stop.Token).ConfigureAwait(false);
                }
            }));
        }

        return line;
    }

    private void EmitDigests(PacketContext packet)
    {
        if (!packet.HasDigests)
        {
            return;
        }

        foreach (DigestSample sample in packet.Digests)
        {
            packet.Trace?.Add($"digest {sample.DigestId}");
            DigestHandler?.Invoke(sample);
        }

        packet.Digests.Clear();
    }

    private void Finish(PacketContext packet, bool dropped)
    {
        // The packet is gone (sent on, or dropped): its program state goes back to the pool.
        packet.ReleaseState();
        if (dropped)
        {
            Counters.AddDropped();
        }

        if (packet.Trace is { } trace)
        {
            LogTrace(trace.ToString());
            TraceHandler?.Invoke(trace);
        }
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug, Message = "{Trace}")]
    private partial void LogTrace(string trace);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Error, Message = "Packet from port {Port} dropped: the program failed")]
    private partial void LogPacketError(Exception exception, uint port);

    private sealed record Loaded(SwitchState State, IPipelineInstance Instance);

    /// <summary>A packet for ingress or egress, or (<see cref="Control"/> set) control-plane work to run between packets.</summary>
    private readonly record struct Work(PacketContext Packet, bool Egress, long EnqueuedAt, int Depth, Action? Control = null);
}
