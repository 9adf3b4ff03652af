using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Themis.HostTools;
using Themis.Packets.Daemon;
using Themis.Packets.IPv4;

namespace Themis.HostTools.Tests;

/// <summary>
/// Reports sent over a real UDP socket on loopback and decoded with the controller's codec and key ring: what the
/// controller receives is what the operator asked for, signed with the key of the address the kernel sent from.
/// </summary>
[Category("Integration")]
public sealed class DaemonReporterTests
{
    private static readonly byte[] Key = Convert.FromHexString("74657374626564206b657920666f7220686f73742061");

    private static ReportOptions Options(int port, DaemonEvent ev = DaemonEvent.QpReady, DaemonFormat format = DaemonFormat.V1, byte[]? key = null) => new()
    {
        Event = ev,
        ControlIp = IPv4Address.Parse("127.0.0.1"),
        Port = (ushort)port,
        LocalQpn = 0x11,
        RemoteIp = IPv4Address.Parse("10.2.0.1"),
        RemoteQpn = 0x22,
        Format = format,
        Key = key,
    };

    private static DaemonDecodeOptions Decoder(bool acceptV0 = false) => new()
    {
        AcceptV0 = acceptV0,
        RequireAuthentication = !acceptV0,
        Keys = new DaemonKeyRing([new KeyValuePair<uint, byte[]>(IPv4Address.Parse("127.0.0.1").Value, Key)]),
    };

    [Test]
    [CancelAfter(10_000)]
    public async Task Send_SignedCreate_DecodesWithTheSendersKey(CancellationToken token)
    {
        using var listener = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)listener.Client.LocalEndPoint!).Port;

        (byte[] sent, IPv4Address source) = DaemonReporter.Send(Options(port, key: Key), TimeProvider.System);
        UdpReceiveResult received = await listener.ReceiveAsync(token);

        Assert.That(source, Is.EqualTo(IPv4Address.Parse("127.0.0.1")));
        Assert.That(received.Buffer, Is.EqualTo(sent));
        Assert.That(DaemonPacketCodec.TryDecode(received.Buffer, Decoder(), out DaemonMessage message), Is.EqualTo(DaemonDecodeStatus.Ok));
        Assert.That(message.Authenticated, Is.True);
        Assert.That(message.KeyId, Is.EqualTo(source.Value), "key id = the sender's address, as the controller requires");
        Assert.That((message.Event, message.LocalQpn, message.RemoteIp, message.RemoteQpn), Is.EqualTo((DaemonEvent.QpReady, 0x11u, IPv4Address.Parse("10.2.0.1"), 0x22u)));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Send_V0Destroy_DecodesAsTheOriginalFormat(CancellationToken token)
    {
        using var listener = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)listener.Client.LocalEndPoint!).Port;

        DaemonReporter.Send(Options(port, DaemonEvent.QpDestroyed, DaemonFormat.V0), TimeProvider.System);
        UdpReceiveResult received = await listener.ReceiveAsync(token);

        Assert.That(received.Buffer, Has.Length.EqualTo(16));
        Assert.That(DaemonPacketCodec.TryDecode(received.Buffer, Decoder(acceptV0: true), out DaemonMessage message), Is.EqualTo(DaemonDecodeStatus.Ok));
        Assert.That((message.Format, message.Event, message.LocalQpn, message.RemoteIp, message.RemoteQpn), Is.EqualTo((DaemonFormat.V0, DaemonEvent.QpDestroyed, 0x11u, IPv4Address.Any, 0u)));
    }

    [Test]
    public void Encode_LaterRun_LargerSequence()
    {
        // Each run of the tool starts afresh; the controller's replay window needs the sequence to grow anyway.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        ReportOptions options = Options(12345, key: Key);
        byte[] first = DaemonReporter.Encode(options, IPv4Address.Parse("10.1.0.1"), clock);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        byte[] second = DaemonReporter.Encode(options, IPv4Address.Parse("10.1.0.1"), clock);

        ulong Sequence(byte[] datagram) => System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(datagram.AsSpan(8));
        Assert.That(Sequence(second), Is.GreaterThan(Sequence(first)));
    }

    // The DSCP the tool sets must be on the wire: read back from the IP header by a raw socket (needs root).
    [Test]
    [CancelAfter(10_000)]
    public async Task Send_Dscp_OnTheWire(CancellationToken token)
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            Assert.Ignore("reading IP headers needs a raw socket (Linux, root)");
        }

        using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Udp);
        raw.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var listener = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)listener.Client.LocalEndPoint!).Port;

        DaemonReporter.Send(Options(port, key: Key) with { Dscp = 46 }, TimeProvider.System);

        byte[] buffer = new byte[2048];
        while (true)
        {
            int length = await raw.ReceiveAsync(buffer, SocketFlags.None, token);
            int ihl = (buffer[0] & 0x0F) * 4;
            if (length >= ihl + 4 && ((buffer[ihl + 2] << 8) | buffer[ihl + 3]) == port)
            {
                Assert.That(buffer[1] >> 2, Is.EqualTo(46), "DSCP");
                return;
            }
        }
    }
}
