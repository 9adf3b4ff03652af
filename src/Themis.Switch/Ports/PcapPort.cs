using SharpPcap;

namespace Themis.Switch.Ports;

/// <summary>
/// A port bound to a Linux interface through libpcap (like simple_switch's <c>-i 1@veth1</c>):
/// promiscuous capture of inbound frames, injection of outbound ones. Frames the port itself sent
/// are not captured back (capture direction IN).
/// </summary>
public sealed class PcapPort : ISwitchPort
{
    private readonly ILiveDevice _device;
    private Action<uint, byte[]>? _receive;

    private PcapPort(uint number, ILiveDevice device)
    {
        Number = number;
        _device = device;
    }

    /// <inheritdoc />
    public uint Number { get; }

    /// <summary>Interface name.</summary>
    public string InterfaceName => _device.Name;

    /// <summary>Opens <paramref name="interfaceName"/>; throws with the available names if it does not exist.</summary>
    public static PcapPort Open(uint number, string interfaceName)
    {
        ILiveDevice? device = CaptureDeviceList.Instance.FirstOrDefault(d => d.Name == interfaceName);
        if (device is null)
        {
            string names = string.Join(", ", CaptureDeviceList.Instance.Select(d => d.Name));
            throw new ArgumentException($"No capture interface named '{interfaceName}' (available: {names}); create it first, e.g. 'ip link add veth1 type veth peer name veth2'.", nameof(interfaceName));
        }

        return new PcapPort(number, device);
    }

    /// <inheritdoc />
    public void Start(Action<uint, byte[]> receive)
    {
        _receive = receive;
        _device.OnPacketArrival += OnPacketArrival;
        _device.Open(new DeviceConfiguration { Mode = DeviceModes.Promiscuous | DeviceModes.NoCaptureLocal, ReadTimeout = 10, Immediate = true });
        _device.Filter = string.Empty;
        _device.StartCapture();
    }

    /// <inheritdoc />
    public ValueTask SendAsync(byte[] frame, CancellationToken cancellationToken)
    {
        _device.SendPacket(frame);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _device.OnPacketArrival -= OnPacketArrival;
        if (_device.Started)
        {
            _device.StopCapture();
        }

        _device.Close();
        return ValueTask.CompletedTask;
    }

    private void OnPacketArrival(object sender, PacketCapture capture)
    {
        _receive?.Invoke(Number, capture.Data.ToArray());
    }
}
