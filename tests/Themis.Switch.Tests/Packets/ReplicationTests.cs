using Google.Protobuf;
using Themis.Switch.Tests.Packets.Support;
using V1 = P4.V1;

namespace Themis.Switch.Tests.Packets;

/// <summary>
/// Clones, multicast, resubmit, recirculate and the CPU port with BMv2's semantics: instance_type
/// values, egress_rid, which metadata a @field_list keeps, I2E clones re-parsing the original packet,
/// E2E clones carrying egress's headers, and packet-in/out controller headers.
/// </summary>
[Category("Packet")]
public sealed class ReplicationTests
{
    private static byte[] Frame(byte op) => Frames.Ethernet([0, 0, 0, 0, 0, op], Frames.MacA, 0x88b5, Frames.Pattern(12));

    private static byte[] Info(byte instanceType, byte pass, ushort rid, ushort port, byte kept, byte lost) =>
        [instanceType, pass, (byte)(rid >> 8), (byte)rid, (byte)(port >> 8), (byte)port, kept, lost];

    private static V1.Update Pre(V1.PacketReplicationEngineEntry entry) => new() { Type = V1.Update.Types.Type.Insert, Entity = new V1.Entity { PacketReplicationEngineEntry = entry } };

    private static async Task<ProgramHost> StartAsync()
    {
        ProgramHost host = await ProgramHost.StartAsync("replication.p4", [1, 2, 3, 4], viaGrpc: true);
        await host.WriteAsync(
            Pre(new V1.PacketReplicationEngineEntry { CloneSessionEntry = new V1.CloneSessionEntry { SessionId = 10, Replicas = { new V1.Replica { Port = ByteString.CopyFrom(4), Instance = 3 } } } }),
            Pre(new V1.PacketReplicationEngineEntry { CloneSessionEntry = new V1.CloneSessionEntry { SessionId = 11, Replicas = { new V1.Replica { Port = ByteString.CopyFrom(3), Instance = 1 } } } }),
            Pre(new V1.PacketReplicationEngineEntry { MulticastGroupEntry = new V1.MulticastGroupEntry { MulticastGroupId = 5, Replicas = { new V1.Replica { Port = ByteString.CopyFrom(2), Instance = 1 }, new V1.Replica { Port = ByteString.CopyFrom(3), Instance = 2 } } } }));
        return host;
    }

    [Test]
    public async Task Clone_IngressToEgress_OriginalAndCloneWithOnlyItsFieldList()
    {
        await using ProgramHost host = await StartAsync();
        byte[] f = Frame(1);
        host.Send(1, f);
        await host.ExpectAsync((2, [.. Info(0, 0, 0, 2, 7, 9), .. f]), (4, [.. Info(1, 0, 3, 4, 7, 0), .. f]));
    }

    [Test]
    public async Task Clone_EgressToEgress_CloneCarriesEgressHeadersAndResetMetadata()
    {
        await using ProgramHost host = await StartAsync();
        byte[] f = Frame(6);
        host.Send(1, f);
        byte[] original = [.. Info(0, 0, 0, 2, 0, 9), .. f];
        await host.ExpectAsync((2, original), (3, [.. Info(2, 0, 1, 3, 0, 0), .. f]));
    }

    [Test]
    public async Task Multicast_Group_OneReplicaPerPortWithEgressRid()
    {
        await using ProgramHost host = await StartAsync();
        byte[] f = Frame(2);
        host.Send(1, f);
        await host.ExpectAsync((2, [.. Info(5, 0, 1, 2, 0, 0), .. f]), (3, [.. Info(5, 0, 2, 3, 0, 0), .. f]));
    }

    [Test]
    public async Task Multicast_UnknownGroup_Drops()
    {
        await using ProgramHost host = await ProgramHost.StartAsync("replication.p4", [1, 2, 3], viaGrpc: true);
        host.Send(1, Frame(2));
        await host.ExpectAsync();
    }

    [Test]
    public async Task Resubmit_FieldList_KeepsListedMetadataOnly()
    {
        await using ProgramHost host = await StartAsync();
        byte[] f = Frame(3);
        host.Send(1, f);
        await host.ExpectAsync((2, [.. Info(0, 1, 0, 2, 7, 0), .. f]));
        Assert.That(host.Traces.Single().Events, Does.Contain("resubmit"));
    }

    [Test]
    public async Task Recirculate_Twice_ReparsesDeparsedPacketAndKeepsFieldList()
    {
        await using ProgramHost host = await StartAsync();
        byte[] f = Frame(4);
        host.Send(1, f);
        await host.ExpectAsync((2, [.. Info(0, 2, 0, 2, 7, 0), .. f]));
        Assert.That(host.Traces.Single().Events.Count(e => e == "recirculate"), Is.EqualTo(2));
    }

    [Test]
    public async Task CpuPort_PacketInAndPacketOut_UseControllerHeaders()
    {
        await using ProgramHost host = await StartAsync();
        using var stream = await host.BecomePrimaryAsync();
        byte[] toCpu = Frame(5);
        host.Send(3, toCpu);
        V1.StreamMessageResponse packetIn = await ProgramHost.NextAsync(stream, r => r.Packet is not null);
        Assert.That(packetIn.Packet.Payload.ToByteArray(), Is.EqualTo(toCpu));
        Assert.That(packetIn.Packet.Metadata.Single(m => m.MetadataId == 1).Value, Is.EqualTo(ByteString.CopyFrom(3)));

        byte[] fromCpu = Frame(9);
        await stream.RequestStream.WriteAsync(new V1.StreamMessageRequest
        {
            Packet = new V1.PacketOut { Payload = ByteString.CopyFrom(fromCpu), Metadata = { new V1.PacketMetadata { MetadataId = 1, Value = ByteString.CopyFrom(4) } } },
        });
        await host.Host.Switch.WaitIdleAsync(ProgramHost.Timeout);
        byte[]? output = await host.Ports[4].ReceiveAsync(ProgramHost.Timeout);
        Assert.That(Frames.Hex(output), Is.EqualTo(Frames.Hex([.. Info(0, 0, 0, 4, 0, 0), .. fromCpu])));
        await host.ExpectAsync();
    }
}
