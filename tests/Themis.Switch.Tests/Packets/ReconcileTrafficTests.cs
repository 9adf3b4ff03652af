using Google.Protobuf;
using Themis.Switch.Tests.Packets.Support;
using V1 = P4.V1;

namespace Themis.Switch.Tests.Packets;

/// <summary>RECONCILE_AND_COMMIT of the running P4 program: routes and counters survive and traffic keeps flowing.</summary>
[Category("Packet")]
public sealed class ReconcileTrafficTests
{
    [Test]
    public async Task Reconcile_SameProgram_RoutesAndCountersKeptAndFramesStillRouted()
    {
        await using ProgramHost host = await ProgramHost.StartAsync("basic_ipv4.p4", [1, 2, 3], viaGrpc: true);
        await host.WriteAsync(host.Entry("IngressImpl.routing_v4", [ProgramHost.Lpm(1, 8, 10, 0, 0, 0)], "IngressImpl.forward", 0, [0, 0, 0, 0, 0, 0x22], [0, 2]));
        host.Send(1, Frames.Ipv4Udp(0x0b000001));
        await host.ExpectAsync();
        var before = host.Host.Switch.State;

        await host.Client.SetForwardingPipelineConfigAsync(new V1.SetForwardingPipelineConfigRequest
        {
            Action = V1.SetForwardingPipelineConfigRequest.Types.Action.ReconcileAndCommit,
            Config = new V1.ForwardingPipelineConfig { P4Info = host.P4Info, P4DeviceConfig = ByteString.CopyFromUtf8(await File.ReadAllTextAsync(ProgramHost.DataFile("basic_ipv4.p4"))) },
        }, deadline: DateTime.UtcNow + ProgramHost.Timeout);

        Assert.That(host.Host.Switch.State, Is.Not.SameAs(before), "a new pipeline was loaded");
        Assert.That(host.Host.Switch.State!.Counters.Values.Single()[0].Packets, Is.EqualTo(1), "the drop counter kept its count");
        byte[] frame = Frames.Ipv4Udp(0x0a050505, ttl: 64);
        host.Send(1, frame);
        byte[] expected = [.. frame];
        Array.Copy(frame, 0, expected, 6, 6);
        expected[5] = 0x22;
        expected[22] = 63;
        await host.ExpectAsync((2, Frames.FixIpv4Checksum(expected)));
    }
}
