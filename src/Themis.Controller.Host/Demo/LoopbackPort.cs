using System.Threading.Channels;
using Themis.Switch.Ports;

namespace Themis.Controller.Host.Demo;

/// <summary>
/// The ESW's loop port: a port wired back into the switch (on a testbed, a veth pair). What the switch sends out
/// comes back in on the same port, in order; the switch's egress rate on the port sets how long one pass takes.
/// </summary>
internal sealed class LoopbackPort : ISwitchPort
{
    private readonly Channel<byte[]> _wire = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(1024) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private Task? _pump;

    public LoopbackPort(uint number)
    {
        Number = number;
    }

    public uint Number { get; }

    /// <summary>Frames that went round the loop.</summary>
    public long Passes => Interlocked.Read(ref _passes);

    private long _passes;

    public void Start(Action<uint, byte[]> receive)
    {
        _pump = Task.Run(async () =>
        {
            try
            {
                await foreach (byte[] frame in _wire.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref _passes);
                    receive(Number, frame);
                }
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        });
    }

    public ValueTask SendAsync(byte[] frame, CancellationToken cancellationToken)
    {
        _wire.Writer.TryWrite(frame);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_wire.Writer.TryComplete())
        {
            return; // disposed already
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_pump is not null)
        {
            await _pump.ConfigureAwait(false);
        }

        _stop.Dispose();
    }
}
