namespace Themis.Esw.Tests.Support;

/// <summary>The test's end of one switch port: frames sent here enter the switch, frames the switch sends out arrive here.</summary>
public interface ITestPort : IAsyncDisposable
{
    uint Number { get; }

    Task SendAsync(byte[] frame, CancellationToken cancellationToken);

    /// <summary>The next frame the switch sent out of the port, or null when none arrives within <paramref name="timeout"/>.</summary>
    Task<byte[]?> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>A frame already received, without waiting.</summary>
    bool TryReceive(out byte[] frame);
}
