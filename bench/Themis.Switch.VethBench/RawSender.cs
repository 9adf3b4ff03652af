using System.Runtime.InteropServices;

namespace Themis.Switch.VethBench;

/// <summary>
/// A traffic generator that costs little CPU: an AF_PACKET socket bound to one interface, frames
/// sent in batches with one sendmmsg(2) call per batch (libpcap would need one syscall per frame,
/// and on a 2-core machine the generator would then take the core the switch needs).
/// </summary>
internal sealed unsafe partial class RawSender : IDisposable
{
    public const int MaxBatch = 64;

    private const int AfPacket = 17;
    private const int SockRaw = 3;

    private readonly int _fd;
    private readonly byte* _frames;
    private readonly int _frameBytes;
    private readonly Iovec* _iov;
    private readonly MMsgHdr* _messages;

    public RawSender(string interfaceName, byte[] frame)
    {
        uint index = IfNameToIndex(interfaceName);
        if (index == 0)
        {
            throw new ArgumentException($"No interface '{interfaceName}'.", nameof(interfaceName));
        }

        _fd = Socket(AfPacket, SockRaw, 0);
        if (_fd < 0)
        {
            throw new InvalidOperationException($"socket(AF_PACKET) failed (errno {Marshal.GetLastPInvokeError()}); run as root.");
        }

        var address = new SockaddrLl { Family = AfPacket, IfIndex = (int)index };
        if (Bind(_fd, &address, sizeof(SockaddrLl)) != 0)
        {
            throw new InvalidOperationException($"bind to {interfaceName} failed (errno {Marshal.GetLastPInvokeError()}).");
        }

        _frameBytes = frame.Length;
        _frames = (byte*)NativeMemory.Alloc((nuint)(MaxBatch * _frameBytes));
        _iov = (Iovec*)NativeMemory.AllocZeroed((nuint)(MaxBatch * sizeof(Iovec)));
        _messages = (MMsgHdr*)NativeMemory.AllocZeroed((nuint)(MaxBatch * sizeof(MMsgHdr)));
        for (int i = 0; i < MaxBatch; i++)
        {
            frame.CopyTo(new Span<byte>(_frames + (i * _frameBytes), _frameBytes));
            _iov[i] = new Iovec { Base = _frames + (i * _frameBytes), Length = (nuint)_frameBytes };
            _messages[i].Header.Iov = &_iov[i];
            _messages[i].Header.IovLength = 1;
        }
    }

    /// <summary>Sends <paramref name="count"/> (≤ <see cref="MaxBatch"/>) copies of the frame; returns how many the kernel took.</summary>
    public int Send(int count)
    {
        int sent = SendMMsg(_fd, _messages, (uint)Math.Min(count, MaxBatch), 0);
        return Math.Max(sent, 0);
    }

    public void Dispose()
    {
        Close(_fd);
        NativeMemory.Free(_frames);
        NativeMemory.Free(_iov);
        NativeMemory.Free(_messages);
    }

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    private static partial int Bind(int fd, SockaddrLl* address, int length);

    [LibraryImport("libc", EntryPoint = "sendmmsg", SetLastError = true)]
    private static partial int SendMMsg(int fd, MMsgHdr* messages, uint count, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "if_nametoindex", StringMarshalling = StringMarshalling.Utf8)]
    private static partial uint IfNameToIndex(string name);

    [StructLayout(LayoutKind.Sequential)]
    private struct SockaddrLl
    {
        public ushort Family;
        public ushort Protocol;
        public int IfIndex;
        public ushort HaType;
        public byte PacketType;
        public byte HaLength;
        public ulong Address;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Iovec
    {
        public byte* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MsgHdr
    {
        public void* Name;
        public uint NameLength;
        public Iovec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MMsgHdr
    {
        public MsgHdr Header;
        public uint Length;
    }
}
