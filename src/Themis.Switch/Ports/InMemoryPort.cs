using System.Threading.Channels;

namespace Themis.Switch.Ports;

/// <summary>
/// A port in memory, for tests: <see cref="Inject"/> puts a frame on the wire towards the switch,
/// <see cref="ReceiveAsync"/> takes the next frame the switch sent out of the port.
/// </summary>
public sealed class InMemoryPort : ISwitchPort
{
    private readonly Channel<byte[]> _out = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private Action<uint, byte[]>? _receive;

    /// <summary>Creates port <paramref name="number"/>.</summary>
    public InMemoryPort(uint number)
    {
        Number = number;
    }

    /// <inheritdoc />
    public uint Number { get; }

    /// <inheritdoc />
    public void Start(Action<uint, byte[]> receive) => _receive = receive;

    /// <summary>Delivers <paramref name="frame"/> to the switch as if it arrived on this port.</summary>
    public void Inject(byte[] frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        (_receive ?? throw new InvalidOperationException($"Port {Number} is not attached to a switch; add it with SoftwareSwitch.AddPort first."))(Number, frame);
    }

    /// <inheritdoc />
    public ValueTask SendAsync(byte[] frame, CancellationToken cancellationToken) => _out.Writer.WriteAsync(frame, cancellationToken);

    /// <summary>The next frame sent out of this port, or null if none arrives within <paramref name="timeout"/>.</summary>
    public async Task<byte[]?> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            return await _out.Reader.ReadAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Takes a frame already sent, without waiting.</summary>
    public bool TryReceive(out byte[] frame) => _out.Reader.TryRead(out frame!);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _out.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
