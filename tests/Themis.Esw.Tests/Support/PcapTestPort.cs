using System.Threading.Channels;
using SharpPcap;
using SharpPcap.LibPcap;

namespace Themis.Esw.Tests.Support;

/// <summary>
/// The test's end of a switch port that is a Linux interface (the peer of the veth the switch is bound to, or a
/// cable to a hardware switch): frames are injected and captured with libpcap through SharpPcap.
/// </summary>
public sealed class PcapTestPort : ITestPort
{
    private readonly LibPcapLiveDevice _device;
    private readonly Channel<byte[]> _received = Channel.CreateUnbounded<byte[]>();

    private PcapTestPort(uint number, LibPcapLiveDevice device)
    {
        Number = number;
        _device = device;
    }

    public uint Number { get; }

    public string InterfaceName => _device.Name;

    /// <summary>Opens <paramref name="interfaceName"/> for switch port <paramref name="number"/>.</summary>
    public static PcapTestPort Open(uint number, string interfaceName)
    {
        // A fresh list: the cached one does not know interfaces created after its first use.
        LibPcapLiveDevice? device = LibPcapLiveDeviceList.New().FirstOrDefault(d => d.Name == interfaceName);
        if (device is null)
        {
            throw new InvalidOperationException($"No capture interface named '{interfaceName}' for switch port {number}; check THEMIS_REMOTE_PORTS (e.g. 1=veth1,2=veth3).");
        }

        var port = new PcapTestPort(number, device);
        device.OnPacketArrival += port.OnPacketArrival;
        device.Open(new DeviceConfiguration { Mode = DeviceModes.Promiscuous, ReadTimeout = 5, Immediate = true });
        // No "inbound" filter: on veth interfaces libpcap's direction filter drops everything. A packet socket does
        // not see what it sent itself, and the interface has no addresses and no IPv6, so the kernel sends nothing.
        device.StartCapture();
        return port;
    }

    public Task SendAsync(byte[] frame, CancellationToken cancellationToken)
    {
        _device.SendPacket(frame);
        return Task.CompletedTask;
    }

    public async Task<byte[]?> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            return await _received.Reader.ReadAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public bool TryReceive(out byte[] frame) => _received.Reader.TryRead(out frame!);

    public ValueTask DisposeAsync()
    {
        _device.OnPacketArrival -= OnPacketArrival;
        if (_device.Started)
        {
            _device.StopCapture();
        }

        _device.Close();
        _received.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    private void OnPacketArrival(object sender, PacketCapture capture) => _received.Writer.TryWrite(capture.GetPacket().Data);
}
