using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Themis.Switch.Engine;
using Themis.Switch.Pipeline;
using V1 = global::P4.V1;

namespace Themis.Switch.Server;

/// <summary>
/// Everything behind the P4Runtime service: the data plane, the device manager, arbitration,
/// packet I/O, digests and idle-timeout notifications. One per switch.
/// </summary>
public sealed partial class SwitchRuntime : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _background;
    private readonly ILogger _logger;
    private PipelineDefinition? _saved;
    private PacketIoCodec? _packetIo;
    private long _streamIds;
    private long _packetInDrops;
    private long _packetInDropsLogged;
    private long _nextDropLog;

    /// <summary>Wraps <paramref name="sw"/> (started here) with a P4Runtime device.</summary>
    public SwitchRuntime(SoftwareSwitch sw, ServerOptions options, IPipelineCompiler compiler, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        Switch = sw ?? throw new ArgumentNullException(nameof(sw));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Compiler = compiler ?? throw new ArgumentNullException(nameof(compiler));
        _logger = loggerFactory.CreateLogger<SwitchRuntime>();
        Arbitrator = new Arbitrator(sw.Options.DeviceId, options.Arbitration);
        Device = new DeviceManager(sw, options);
        Digests = new DigestManager(options, sw.Time, SendToPrimary);
        Device.Digests = Digests;
        Reads = new ReadHandler(Device, options);
        sw.DigestHandler = Digests.Add;
        sw.CpuPortHandler = OnCpuFrameAsync;
        _background = Task.Run(() => BackgroundAsync(_stop.Token));
    }

    /// <summary>The data plane.</summary>
    public SoftwareSwitch Switch { get; }

    /// <summary>Server options.</summary>
    public ServerOptions Options { get; }

    /// <summary>Builds pipelines from device configs.</summary>
    public IPipelineCompiler Compiler { get; }

    /// <summary>Cookie of the committed pipeline.</summary>
    public ulong Cookie { get; private set; }

    internal Arbitrator Arbitrator { get; }

    internal DeviceManager Device { get; }

    internal DigestManager Digests { get; }

    /// <summary>
    /// Packet-ins dropped because the primary's stream queue held <see cref="ServerOptions.PacketInQueueCapacity"/>
    /// packet-ins (the controller reads more slowly than the data plane punts). Frames punted while no client is
    /// primary are discarded without counting, as PI does.
    /// </summary>
    public long PacketInDrops => Interlocked.Read(ref _packetInDrops);

    internal ReadHandler Reads { get; }

    internal long NextStreamId() => Interlocked.Increment(ref _streamIds);

    /// <summary>Loads a pipeline directly (start-up with --p4, or a test), as a committed SetForwardingPipelineConfig would.</summary>
    public SwitchState Commit(PipelineDefinition definition, ulong cookie = 0)
    {
        ArgumentNullException.ThrowIfNull(definition);
        SwitchState state = Switch.Load(definition);
        Device.OnPipelineLoaded(state);
        Digests.Clear();
        Volatile.Write(ref _packetIo, new PacketIoCodec(definition.P4Info));
        Cookie = cookie;
        LogPipelineLoaded(definition.P4Info.Tables.Count, cookie);
        return state;
    }

    internal void Save(PipelineDefinition definition, ulong cookie)
    {
        _saved = definition;
        Cookie = cookie;
    }

    internal bool TryCommitSaved()
    {
        if (_saved is null)
        {
            return false;
        }

        Commit(_saved, Cookie);
        _saved = null;
        return true;
    }

    internal async Task SendPacketOutAsync(V1.PacketOut packet, CancellationToken cancellationToken)
    {
        PacketIoCodec codec = Volatile.Read(ref _packetIo) ?? throw new UpdateError(Google.Rpc.Code.FailedPrecondition, "No forwarding pipeline config set for this device.");
        byte[] frame = codec.EncodePacketOut(packet);
        await Switch.InjectFromCpuAsync(frame, cancellationToken).ConfigureAwait(false);
    }

    // Runs on the pipeline loop for every frame sent to the CPU port: only queues the frame on the primary's stream
    // (decoding, serializing and writing happen on that stream's writer task), so the data plane never waits for
    // the network and Writes are not held up behind packet-in writes.
    private ValueTask OnCpuFrameAsync(byte[] frame)
    {
        if (Volatile.Read(ref _packetIo) is { } codec
            && Arbitrator.Primary(string.Empty) is { } primary
            && primary.TryEnqueuePacketIn(frame, codec) == PacketInOutcome.QueueFull)
        {
            OnPacketInDropped();
        }

        return ValueTask.CompletedTask;
    }

    private void OnPacketInDropped()
    {
        long drops = Interlocked.Increment(ref _packetInDrops);
        long now = Switch.Time.GetTimestamp();
        long next = Interlocked.Read(ref _nextDropLog);
        // At most one warning a second, counting the drops since the last one.
        if (now >= next && Interlocked.CompareExchange(ref _nextDropLog, now + Switch.Time.TimestampFrequency, next) == next)
        {
            long logged = Interlocked.Exchange(ref _packetInDropsLogged, drops);
            LogPacketInsDropped(drops - logged, drops, Options.PacketInQueueCapacity);
        }
    }

    private void SendToPrimary(V1.StreamMessageResponse message) => Arbitrator.Primary(string.Empty)?.Enqueue(message);

    private async Task BackgroundAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Options.IdleScanInterval, Switch.Time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            Digests.Tick();
            ScanIdle();
        }
    }

    private void ScanIdle()
    {
        TableEntryCodec? codec = Device.Codec;
        if (codec is null)
        {
            return;
        }

        var notification = new V1.IdleTimeoutNotification();
        foreach (Runtime.Tables.P4Table table in codec.State.Tables.Values.Where(t => t.Spec.SupportsIdleTimeout))
        {
            global::P4.Config.V1.Table info = codec.Resolve(table.Spec.Id).Info;
            foreach (Runtime.Tables.TableEntryRecord entry in table.Entries())
            {
                if (entry.IdleTimeoutNs > 0
                    && Switch.Time.GetElapsedTime(entry.LastHitTimestamp).TotalNanoseconds >= entry.IdleTimeoutNs
                    && entry.TryMarkIdleNotified())
                {
                    notification.TableEntry.Add(codec.ToProto(info, table, entry, new V1.TableEntry(), isDefault: false));
                }
            }
        }

        if (notification.TableEntry.Count > 0)
        {
            notification.Timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
            SendToPrimary(new V1.StreamMessageResponse { IdleTimeoutNotification = notification });
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _background.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected on shutdown.
        }

        _stop.Dispose();
    }

    internal ByteString DeviceConfig => Device.DeviceConfig;

    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Pipeline loaded: {Tables} tables, cookie {Cookie}")]
    private partial void LogPipelineLoaded(int tables, ulong cookie);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "{Dropped} packet-ins dropped ({Total} in total): the primary's stream queue holds {Capacity} packet-ins and the client reads more slowly than the data plane punts")]
    private partial void LogPacketInsDropped(long dropped, long total, int capacity);
}
