using SharpPcap;

namespace Themis.Switch.Ports;

/// <summary>
/// A port bound to a Linux interface through libpcap (like simple_switch's <c>-i 1@veth1</c>):
/// promiscuous capture of inbound frames, injection of outbound ones. A dedicated receive thread
/// pulls frames with libpcap's <c>pcap_next_ex</c> directly (<see cref="PcapNative"/>: no per-frame
/// event dispatch, poll or timestamp conversion) and copies each once into the array the switch
/// keeps; sends go straight to <c>pcap_sendpacket</c> from the pipeline loop.
/// Frames the port itself sent are not captured back: Linux does not loop a packet socket's own sends to it.
/// </summary>
public sealed class PcapPort : ISwitchPort
{
    /// <summary>Kernel capture buffer: bursts at line rate must not overflow while the pipeline catches up.</summary>
    private const int CaptureBufferBytes = 32 << 20;

    /// <summary>Capture length when the interface's MTU cannot be read: a 9000-byte jumbo frame with room to spare.</summary>
    private const int FallbackSnapLength = 9216;

    private readonly ILiveDevice _device;
    private readonly CancellationTokenSource _stop = new();
    private Thread? _receiver;

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
        ILiveDevice? device = CaptureDeviceList.New().FirstOrDefault(d => d.Name == interfaceName);
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
        ArgumentNullException.ThrowIfNull(receive);

        // libpcap on Linux has no NoCaptureLocal mode, and none is needed: the kernel does not deliver a
        // frame a packet socket sent back to that same socket. No "inbound" BPF filter either: on veth
        // pairs it made the switch miss frames its peer injected (seen in the interface packet tests).
        // Immediate mode makes libpcap use a ring of fixed slots, one capture length each: with the default 256 KiB
        // length the 32 MiB buffer held ~500 frames and a burst of 1000 small ones lost the rest in the kernel.
        // A slot as long as the largest frame the link carries (MTU + Ethernet header + two VLAN tags) gives ~20,000
        // slots on a 1500-byte link.
        _device.Open(new DeviceConfiguration
        {
            Mode = DeviceModes.Promiscuous,
            ReadTimeout = 10,
            Immediate = true,
            BufferSize = CaptureBufferBytes,
            Snaplen = SnapLength(InterfaceName),
        });
        CancellationToken stop = _stop.Token;
        _receiver = new Thread(() => ReceiveLoop(receive, stop)) { IsBackground = true, Name = $"pcap {InterfaceName}" };
        _receiver.Start();
    }

    /// <inheritdoc />
    public ValueTask SendAsync(byte[] frame, CancellationToken cancellationToken)
    {
        _device.SendPacket(frame);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);

        // The receive loop returns within the read timeout; close the handle only after it has.
        _receiver?.Join(TimeSpan.FromSeconds(2));
        _device.Close();
        _stop.Dispose();
    }

    /// <summary>
    /// Frames the kernel received for this port but dropped before the switch read them (capture ring full, or
    /// dropped by the interface), from libpcap's statistics; 0 before the port starts or after it stops.
    /// </summary>
    public long ReceiveDrops
    {
        get
        {
            try
            {
                return _receiver is null ? 0 : _device.Statistics is { } stats ? (long)stats.DroppedPackets + stats.InterfaceDroppedPackets : 0;
            }
            catch (Exception e) when (e is PcapException or InvalidOperationException or ObjectDisposedException)
            {
                return 0; // closed meanwhile
            }
        }
    }

    private static int SnapLength(string interfaceName)
    {
        try
        {
            string mtu = File.ReadAllText($"/sys/class/net/{interfaceName}/mtu").Trim();
            return int.TryParse(mtu, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value) && value > 0
                ? Math.Max(value + 22, 1522)
                : FallbackSnapLength;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return FallbackSnapLength;
        }
    }

    private void ReceiveLoop(Action<uint, byte[]> receive, CancellationToken stop)
    {
        if (PcapNative.Available && _device is SharpPcap.LibPcap.LibPcapLiveDevice live)
        {
            // Hold a reference on the pcap handle while reading from its raw value: a Close on another thread
            // then only marks it closed, and libpcap frees it when this loop lets go — never under pcap_next_ex.
            // (The SafeHandle object is kept in a local: Close may swap the device's Handle property.)
            SharpPcap.LibPcap.PcapHandle pcap = live.Handle;
            bool added = false;
            pcap.DangerousAddRef(ref added);
            try
            {
                IntPtr handle = pcap.DangerousGetHandle();
                while (!stop.IsCancellationRequested)
                {
                    int status = PcapNative.Next(handle, out byte[]? frame);
                    if (status == 1)
                    {
                        receive(Number, frame!);
                    }
                    else if (status < 0)
                    {
                        return;
                    }
                }
            }
            finally
            {
                if (added)
                {
                    pcap.DangerousRelease();
                }
            }

            return;
        }

        while (!stop.IsCancellationRequested)
        {
            GetPacketStatus status = _device.GetNextPacket(out PacketCapture capture);
            if (status == GetPacketStatus.PacketRead)
            {
                receive(Number, capture.Data.ToArray());
            }
            else if (status is GetPacketStatus.Error or GetPacketStatus.NoRemainingPackets)
            {
                // The interface went away (or the handle was closed): nothing more will arrive.
                return;
            }
        }
    }
}
