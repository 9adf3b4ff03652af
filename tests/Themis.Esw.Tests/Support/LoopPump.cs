using System.Buffers.Binary;
using Themis.Packets.Ethernet;
using Themis.Packets.SwitchInternal;

namespace Themis.Esw.Tests.Support;

/// <summary>
/// The loop port pair (DESIGN §3: "a port whose traffic re-enters the switch"). The embedded switch has no such
/// port model, so the harness builds the loop: every frame the switch sends out of the loop-out port is recorded
/// and injected back into the loop-in port, in order (the loop is FIFO, as a wire is). A test can hold the loop
/// (a slow loop: frames queue until <see cref="ReleaseAsync"/>) and absorb dummies so they stop circulating.
/// The same pump serves interface ports, where it stands in for a veth pair wired back.
/// </summary>
public sealed class LoopPump : IAsyncDisposable
{
    private readonly ITestPort _out;
    private readonly ITestPort _in;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _drain = new(1, 1);
    private readonly Queue<byte[]> _pending = new();
    private readonly List<byte[]> _log = [];
    private readonly Task _task;
    private bool _held;

    public LoopPump(ITestPort outPort, ITestPort inPort)
    {
        _out = outPort;
        _in = inPort;
        _task = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>When set, dummies leaving the loop port are recorded but not sent back (they stop circulating).</summary>
    public bool AbsorbDummies { get; set; } = true;

    /// <summary>Every frame that left the loop-out port since the last <see cref="ClearLog"/>, in order.</summary>
    public IReadOnlyList<byte[]> Log
    {
        get
        {
            lock (_log)
            {
                return [.. _log];
            }
        }
    }

    /// <summary>Frames of the log that carry a loop header, with it decoded.</summary>
    public IReadOnlyList<(LoopHeader Header, byte[] Frame)> LoopedPackets =>
        [.. Log.Where(IsLoop).Select(f => (Read(f), f))];

    public int DummyPasses(ushort dummyId) => Log.Count(f => IsDummy(f, out DummyHeader d) && d.DummyId == dummyId);

    public void ClearLog()
    {
        lock (_log)
        {
            _log.Clear();
        }
    }

    /// <summary>Stops re-injecting: frames queue in order until <see cref="ReleaseAsync"/>.</summary>
    public void Hold()
    {
        lock (_pending)
        {
            _held = true;
        }
    }

    /// <summary>Sends every held frame back in order and resumes.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        lock (_pending)
        {
            _held = false;
        }

        await DrainAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends only the oldest held frame back and keeps holding: one step of a slow loop, after which the frames
    /// behind it are ahead of it (the loop rotates).
    /// </summary>
    public async Task ReleaseOneAsync(CancellationToken cancellationToken)
    {
        byte[]? next;
        lock (_pending)
        {
            if (!_held || !_pending.TryDequeue(out next))
            {
                throw new InvalidOperationException("ReleaseOneAsync needs a held loop with at least one frame in it.");
            }
        }

        await _in.SendAsync(next, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Frames waiting in a held loop.</summary>
    public int HeldCount
    {
        get
        {
            lock (_pending)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the log, or fails after <paramref name="timeout"/>.</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<byte[]>, bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (!condition(Log))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The loop port did not see {what} within {timeout.TotalMilliseconds} ms; it saw {Log.Count} frame(s).");
            }

            await Task.Delay(2, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Resets the pump between tests: releases a held loop, absorbs dummies, forgets the log.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        AbsorbDummies = true;
        await ReleaseAsync(cancellationToken).ConfigureAwait(false);
        ClearLog();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _stop.Dispose();
        _drain.Dispose();
    }

    public static bool IsLoop(byte[] frame) => ThemisKind(frame) == ThemisHeaderKind.Loop;

    public static bool IsDummy(byte[] frame, out DummyHeader dummy)
    {
        dummy = default;
        return ThemisKind(frame) == ThemisHeaderKind.Dummy && DummyHeader.TryReadFrom(frame.AsSpan(EthernetHeader.Size), out dummy);
    }

    public static LoopHeader Read(byte[] frame) =>
        LoopHeader.TryReadFrom(frame.AsSpan(EthernetHeader.Size), out LoopHeader header) ? header : default;

    private static ThemisHeaderKind? ThemisKind(byte[] frame) =>
        frame.Length > EthernetHeader.Size && BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(12)) == EtherTypes.Themis
            ? (ThemisHeaderKind)frame[EthernetHeader.Size]
            : null;

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            byte[]? frame = await _out.ReceiveAsync(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            if (frame is null)
            {
                continue;
            }

            lock (_log)
            {
                _log.Add(frame);
            }

            if (AbsorbDummies && IsDummy(frame, out _))
            {
                continue;
            }

            lock (_pending)
            {
                _pending.Enqueue(frame);
            }

            await DrainAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        await _drain.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                byte[] next;
                lock (_pending)
                {
                    if (_held || !_pending.TryDequeue(out next!))
                    {
                        return;
                    }
                }

                await _in.SendAsync(next, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _drain.Release();
        }
    }
}
