using System.Threading.Channels;
using Themis.Controller.Host.Demo;
using Themis.Packets.IPv4;
using Themis.Packets.Tcp;
using Themis.Switch.Ports;

namespace Themis.Controller.Benchmarks;

/// <summary>
/// The host side of a link to an ESW DC port on a switch in another process (themis-switch, or BMv2's
/// simple_switch_grpc): sends the emulated host's frames and reads what the switch sends back, enough to pass a
/// TCP handshake through the SYN cookie so the controller verifies the host pair from a real digest.
/// </summary>
internal sealed class ExternalDcPort : IAsyncDisposable
{
    private readonly PcapPort _port;
    private readonly Channel<byte[]> _received = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest });
    private ushort _nextSourcePort = 40000;

    private ExternalDcPort(PcapPort port) => _port = port;

    public static ExternalDcPort Open(string interfaceName)
    {
        var dc = new ExternalDcPort(PcapPort.Open(1, interfaceName));
        dc._port.Start((_, frame) => dc._received.Writer.TryWrite(frame));
        return dc;
    }

    public void Send(byte[] frame) => _port.SendAsync(frame, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>SYN → the switch's SYN-ACK cookie → ACK: the switch resets the probe connection and digests the pair.</summary>
    public async Task HandshakeAsync(EmulatedHost host, IPv4Address remote, ushort port, CancellationToken cancellationToken)
    {
        ushort sourcePort = _nextSourcePort++;
        while (_received.Reader.TryRead(out _))
        {
            // Whatever arrived earlier is not an answer to this SYN.
        }

        Send(host.Tcp(remote, sourcePort, port, TcpFlags.Syn, 1000, 0));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            while (true)
            {
                byte[] frame = await _received.Reader.ReadAsync(timeout.Token).ConfigureAwait(false);
                if (EmulatedHost.IsTcp(frame, TcpFlags.Syn | TcpFlags.Ack, out TcpHeader synAck) && synAck.DestinationPort == sourcePort)
                {
                    Send(host.Tcp(remote, sourcePort, port, TcpFlags.Ack, 1001, synAck.SequenceNumber + 1));
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No SYN-ACK came back on {_port.InterfaceName} within 10 s: is it wired to the switch's DC port 1, with the ESW pipeline loaded in cookie mode?");
        }
    }

    public ValueTask DisposeAsync() => _port.DisposeAsync();
}
