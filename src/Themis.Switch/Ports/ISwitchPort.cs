namespace Themis.Switch.Ports;

/// <summary>A data-plane port: frames received are handed to the switch, frames sent leave the switch.</summary>
public interface ISwitchPort : IAsyncDisposable
{
    /// <summary>Port number as the P4 program sees it (ingress_port / egress_spec).</summary>
    uint Number { get; }

    /// <summary>Starts delivering received frames to <paramref name="receive"/> (port number, frame).</summary>
    void Start(Action<uint, byte[]> receive);

    /// <summary>Sends a frame out of the port; must not block the pipeline for long.</summary>
    ValueTask SendAsync(byte[] frame, CancellationToken cancellationToken);

    /// <summary>Frames that reached the port but were lost before the switch received them (e.g. a full capture ring).</summary>
    long ReceiveDrops => 0;
}
