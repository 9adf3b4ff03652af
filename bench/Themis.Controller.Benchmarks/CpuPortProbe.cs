using System.Diagnostics;
using Themis.Switch.Engine;

namespace Themis.Controller.Benchmarks;

/// <summary>
/// Sits between the switch's data plane and its P4Runtime packet-in path: notes when each frame reaches the
/// CPU port (the end of the daemon packet's pipeline pass) and, when <see cref="Swallow"/> is set, keeps the
/// frame from the stream so the data plane can be timed alone.
/// </summary>
internal sealed class CpuPortProbe
{
    private readonly Func<byte[], ValueTask> _packetIn;
    private long _frames;
    private long _lastAt;

    public CpuPortProbe(SoftwareSwitch sw)
    {
        _packetIn = sw.CpuPortHandler ?? throw new InvalidOperationException("The switch has no CPU port handler; start it under a SwitchHost first.");
        sw.CpuPortHandler = OnFrameAsync;
    }

    /// <summary>Frames stop here instead of going to the controller.</summary>
    public bool Swallow { get; set; }

    public long Frames => Interlocked.Read(ref _frames);

    /// <summary>Stopwatch timestamp of the last frame that reached the CPU port.</summary>
    public long LastAt => Interlocked.Read(ref _lastAt);

    /// <summary>Hands a frame to the packet-in path directly, as if the data plane had punted it.</summary>
    public ValueTask PuntAsync(byte[] frameWithHeader) => _packetIn(frameWithHeader);

    /// <summary>Waits until <paramref name="count"/> frames in total have reached the CPU port.</summary>
    public async Task WaitForAsync(long count, TimeSpan timeout)
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Frames < count)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Only {Frames} of {count} frames reached the CPU port within {timeout}.");
            }

            await Task.Yield();
        }
    }

    private ValueTask OnFrameAsync(byte[] frame)
    {
        Interlocked.Exchange(ref _lastAt, Stopwatch.GetTimestamp());
        Interlocked.Increment(ref _frames);
        return Swallow ? ValueTask.CompletedTask : _packetIn(frame);
    }
}
