using System.Net;
using System.Net.Sockets;
using Themis.Packets.Daemon;
using Themis.Packets.IPv4;

namespace Themis.HostTools;

/// <summary>Sends one daemon report as a UDP datagram from this host to the ESW's control IP.</summary>
internal static class DaemonReporter
{
    /// <summary>Sends the report; returns the payload sent and the source address the kernel chose.</summary>
    public static (byte[] Payload, IPv4Address Source) Send(ReportOptions options, TimeProvider time)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        // The DSCP sits in the upper six bits of the former TOS byte.
        socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.TypeOfService, options.Dscp << 2);
        byte[] controlIp = new byte[IPv4Address.Size];
        options.ControlIp.WriteTo(controlIp);
        var destination = new IPEndPoint(new IPAddress(controlIp), options.Port);
        // Connecting a UDP socket sends nothing; it makes the kernel pick the route and the source address, which is
        // the identity (and the v1 key id) the controller checks the report against.
        socket.Connect(destination);
        var source = IPv4Address.ReadFrom(((IPEndPoint)socket.LocalEndPoint!).Address.GetAddressBytes());
        byte[] payload = Encode(options, source, time);
        socket.Send(payload);
        return (payload, source);
    }

    internal static byte[] Encode(ReportOptions options, IPv4Address source, TimeProvider time)
    {
        ulong now = (ulong)(time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
        bool create = options.Event == DaemonEvent.QpReady;
        // The sequence must grow from one report to the next although each run of this tool starts afresh: the
        // clock in nanoseconds does (the controller's replay window refuses anything not newer).
        var message = new DaemonMessage(
            options.Format, options.Event, now, now,
            create ? options.RemoteIp : IPv4Address.Any, options.LocalQpn, create ? options.RemoteQpn : 0, 0, false);
        byte[] buffer = new byte[DaemonPacketCodec.V1AuthenticatedSize];
        int length = options.Format == DaemonFormat.V0
            ? DaemonPacketCodec.EncodeV0(message, buffer)
            : options.Key is { } key
                ? DaemonPacketCodec.EncodeV1(message, buffer, source.Value, key)
                : DaemonPacketCodec.EncodeV1(message, buffer);
        return buffer[..length];
    }
}
