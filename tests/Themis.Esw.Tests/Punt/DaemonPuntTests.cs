using Themis.Esw.Tests.Support;
using Themis.Packets.Daemon;
using Themis.Packets.SwitchInternal;
using static Themis.Esw.Tests.Support.EswTopology;

namespace Themis.Esw.Tests.Punt;

/// <summary>Daemon packets (UDP to the control IP and daemon port) reach the controller with their ingress port; nothing else addressed to the control IP does.</summary>
[TestFixture(Target.Embedded)]
[TestFixture(Target.Remote, Category = "Bmv2")]
public sealed class DaemonPuntTests(Target target) : EswTestBase(target)
{
    [TestCase(DcPortA)]
    [TestCase(DcPortB)]
    public async Task DaemonReport_FromDcPort_PuntedWithIngressPortAndUnchangedFrame(uint port)
    {
        TestHost host = port == DcPortA ? HostA : HostB;
        byte[] report = EswPackets.DaemonReport(host, RemoteHost.Ip, localQpn: 0x11, remoteQpn: 0x22);

        await SendPacketAsync(port, report);

        PacketInInfo packetIn = await ExpectPacketInAsync(PuntReason.DaemonPacket);
        Assert.Multiple(() =>
        {
            Assert.That(packetIn.IngressPort, Is.EqualTo(port));
            Assert.That(packetIn.Payload, Is.EqualTo(report), PacketDiff.Describe(report, packetIn.Payload));
        });
        // The controller can decode what it got: the daemon's message is intact.
        Assert.That(DaemonPacketCodec.TryDecode(packetIn.Payload.AsSpan(14 + 20 + 8), new DaemonDecodeOptions { RequireAuthentication = false }, out DaemonMessage message), Is.EqualTo(DaemonDecodeStatus.Ok));
        Assert.That((message.LocalQpn, message.RemoteQpn, message.RemoteIp), Is.EqualTo((0x11u, 0x22u, RemoteHost.Ip)));
        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.DaemonPunted, 1));
    }

    [Test]
    public async Task DaemonReport_FromWan_DroppedAndCounted()
    {
        await SendPacketAsync(WanPort, EswPackets.DaemonReport(RemoteHost, HostA.Ip, 1, 2));

        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.DropDaemonNotDc, 1), (EswEvent.DaemonPunted, 0));
    }

    [Test]
    public async Task OtherTrafficToControlIp_DroppedAndCounted()
    {
        await SendPacketAsync(DcPortA, EswPackets.DaemonReport(HostA, RemoteHost.Ip, 1, 2, daemonPort: 9999));
        await SendPacketAsync(DcPortA, EswPackets.Tcp(HostA, HostA with { Ip = ControlIp }, 1000, 22, Themis.Packets.Tcp.TcpFlags.Syn, 1, 0));

        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.DropToControlIp, 2), (EswEvent.DaemonPunted, 0));
    }
}
