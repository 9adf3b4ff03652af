using Themis.Switch.Ports;

namespace Themis.Esw.Tests.Support;

/// <summary>An in-memory port of the embedded switch.</summary>
public sealed class InMemoryTestPort(InMemoryPort port) : ITestPort
{
    public uint Number => port.Number;

    public Task SendAsync(byte[] frame, CancellationToken cancellationToken)
    {
        port.Inject(frame);
        return Task.CompletedTask;
    }

    public Task<byte[]?> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken) => port.ReceiveAsync(timeout, cancellationToken);

    public bool TryReceive(out byte[] frame) => port.TryReceive(out frame);

    // The switch owns the port and disposes it.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
