using System.Runtime.InteropServices;

namespace Themis.Switch.Ports;

/// <summary>
/// Direct <c>pcap_next_ex</c> on the handle SharpPcap opened. SharpPcap's GetNextPacket polls the
/// descriptor before every read (a system call per frame) and converts the timestamp through
/// decimal arithmetic; at a few hundred thousand frames per second that was most of the receive
/// thread's time. libpcap's own read already waits (up to the read timeout) when its ring is empty.
/// </summary>
internal static unsafe class PcapNative
{
    // struct pcap_pkthdr on 64-bit Linux: struct timeval (16 bytes), then bpf_u_int32 caplen, len.
    private const int CaptureLengthOffset = 16;

    private static readonly delegate* unmanaged<IntPtr, IntPtr*, byte**, int> NextEx = Load();

    /// <summary>True when libpcap was found and exports pcap_next_ex.</summary>
    public static bool Available => NextEx != null;

    /// <summary>
    /// Reads one frame: 1 with <paramref name="frame"/> set (a fresh copy), 0 on read timeout, negative
    /// on error or end (the handle was closed or the interface went away).
    /// </summary>
    public static int Next(IntPtr handle, out byte[]? frame)
    {
        IntPtr header;
        byte* data;
        int status = NextEx(handle, &header, &data);
        if (status != 1)
        {
            frame = null;
            return status;
        }

        int length = *(int*)((byte*)header + CaptureLengthOffset);
        frame = new ReadOnlySpan<byte>(data, length).ToArray();
        return 1;
    }

    private static delegate* unmanaged<IntPtr, IntPtr*, byte**, int> Load()
    {
        foreach (string name in new[] { "libpcap.so.1", "libpcap.so.0.8", "libpcap.so" })
        {
            if (NativeLibrary.TryLoad(name, out IntPtr library) && NativeLibrary.TryGetExport(library, "pcap_next_ex", out IntPtr export))
            {
                return (delegate* unmanaged<IntPtr, IntPtr*, byte**, int>)export;
            }
        }

        return null;
    }
}
