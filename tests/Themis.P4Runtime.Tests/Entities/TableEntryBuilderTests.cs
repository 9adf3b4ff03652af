using System.Net;
using P4.V1;
using Themis.P4Runtime.Encoding;
using Themis.P4Runtime.Entities;
using Themis.P4Runtime.Info;

namespace Themis.P4Runtime.Tests.Entities;

public sealed class TableEntryBuilderTests
{
    private P4InfoIndex _index = null!;

    [SetUp]
    public void LoadFixture() => _index = P4InfoIndex.Load(TestData.PathOf("basic.p4info.txtpb"));

    [Test]
    public void Build_LpmEntry_HasCanonicalKeyAndParams()
    {
        TableEntry entry = _index.TableEntry("ipv4_lpm")
            .Lpm("dstAddr", IPAddress.Parse("10.1.0.0"), 16)
            .Action("ipv4_forward", ("dstAddr", "00:00:00:00:01:02"), ("port", 3))
            .Build();
        Assert.Multiple(() =>
        {
            Assert.That(entry.TableId, Is.EqualTo(37375156u));
            Assert.That(entry.Match[0].FieldId, Is.EqualTo(1u));
            Assert.That(Convert.ToHexString(entry.Match[0].Lpm.Value.Span), Is.EqualTo("0A010000"));
            Assert.That(entry.Match[0].Lpm.PrefixLen, Is.EqualTo(16));
            Assert.That(entry.Action.Action.ActionId, Is.EqualTo(28792405u));
            Assert.That(Convert.ToHexString(entry.Action.Action.Params[0].Value.Span), Is.EqualTo("0102"));
            Assert.That(entry.Action.Action.Params[1].Value.ToByteArray(), Is.EqualTo(new byte[] { 3 }));
            Assert.That(entry.Priority, Is.Zero);
        });
    }

    [Test]
    public void Lpm_BitsBeyondPrefix_Throws()
    {
        var e = Assert.Throws<P4BytesException>(() => _index.TableEntry("ipv4_lpm").Lpm("dstAddr", IPAddress.Parse("10.1.2.0"), 16));
        Assert.That(e!.Message, Does.Contain("beyond the /16 prefix"));
    }

    [Test]
    public void Lpm_ZeroPrefix_IsOmittedAsWildcard()
    {
        TableEntry entry = _index.TableEntry("ipv4_lpm").Lpm("dstAddr", 0, 0).Action("drop").Build();
        Assert.That(entry.Match, Is.Empty);
    }

    [Test]
    public void Build_TernaryRangeOptional_NeedsPriority()
    {
        TableEntryBuilder builder = _index.TableEntry("acl")
            .Ternary("srcAddr", "00:11:00:00:00:00", "ff:ff:00:00:00:00")
            .Range("dstPort", 1000, 2000)
            .Optional("ingress_port", 5)
            .Action("drop");
        var e = Assert.Throws<InvalidOperationException>(() => builder.Build());
        Assert.That(e!.Message, Does.Contain("Priority"));

        TableEntry entry = builder.Priority(10).Build();
        Assert.Multiple(() =>
        {
            Assert.That(entry.Priority, Is.EqualTo(10));
            Assert.That(Convert.ToHexString(entry.Match[0].Ternary.Mask.Span), Is.EqualTo("FFFF00000000"));
            Assert.That(Convert.ToHexString(entry.Match[1].Range.Low.Span), Is.EqualTo("03E8"));
            Assert.That(entry.Match[2].Optional.Value.ToByteArray(), Is.EqualTo(new byte[] { 5 }));
        });
    }

    [Test]
    public void Ternary_ValueOutsideMask_Throws()
    {
        var e = Assert.Throws<P4BytesException>(() => _index.TableEntry("acl").Ternary("srcAddr", "00:11:00:00:00:01", "ff:ff:00:00:00:00"));
        Assert.That(e!.Message, Does.Contain("outside mask"));
    }

    [Test]
    public void Range_LowAboveHigh_Throws()
    {
        Assert.Throws<P4BytesException>(() => _index.TableEntry("acl").Range("dstPort", 9, 3));
    }

    [Test]
    public void Exact_ValueTooWideForField_ThrowsNamingField()
    {
        var e = Assert.Throws<P4BytesException>(() => _index.TableEntry("MyEgress.flow").Exact("qpn", 1 << 24));
        Assert.That(e!.Message, Does.StartWith("Match field 'qpn'").And.Contain("bit<24>"));
    }

    [Test]
    public void Exact_OnLpmField_ThrowsNamingMatchKind()
    {
        var e = Assert.Throws<InvalidOperationException>(() => _index.TableEntry("ipv4_lpm").Exact("dstAddr", 1));
        Assert.That(e!.Message, Does.Contain("is LPM, not EXACT"));
    }

    [Test]
    public void Build_MissingExactField_Throws()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            _index.TableEntry("MyEgress.flow").Exact("src", IPAddress.Parse("10.0.0.1")).Action("set_slot", ("slot", 1)).Build());
        Assert.That(e!.Message, Does.Contain("qpn"));
    }

    [Test]
    public void Action_MissingParameter_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => _index.TableEntry("ipv4_lpm").Action("ipv4_forward", ("port", 1)));
        Assert.That(e!.Message, Does.Contain("dstAddr"));
    }

    [Test]
    public void Action_DefaultOnlyActionInEntry_Throws()
    {
        var e = Assert.Throws<P4InfoLookupException>(() => _index.TableEntry("acl").Action("NoAction"));
        Assert.That(e!.Message, Does.Contain("cannot be used by entries"));
    }

    [Test]
    public void DefaultEntry_TableOnlyAction_Throws()
    {
        Assert.Throws<P4InfoLookupException>(() => _index.DefaultEntry("MyEgress.flow").Action("set_slot", ("slot", 1)));
    }

    [Test]
    public void DefaultEntry_IsMarkedDefaultWithoutKey()
    {
        TableEntry entry = _index.DefaultEntry("ipv4_lpm").Action("drop").Build();
        Assert.That(entry.IsDefaultAction, Is.True);
        Assert.That(entry.Match, Is.Empty);
    }

    [Test]
    public void IdleTimeout_OnTableWithoutSupport_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => _index.TableEntry("ipv4_lpm").IdleTimeout(TimeSpan.FromSeconds(1)));
        TableEntry entry = _index.TableEntry("MyEgress.flow").Exact("src", 1).Exact("qpn", 2).Action("set_slot", ("slot", 3))
            .IdleTimeout(TimeSpan.FromMilliseconds(250)).Build();
        Assert.That(entry.IdleTimeoutNs, Is.EqualTo(250_000_000));
    }

    [Test]
    public void CloneSession_HasReplicasAndReadablePorts()
    {
        Entity entity = P4Entities.CloneSession(5, [(3u, 1u)]);
        Replica replica = entity.PacketReplicationEngineEntry.CloneSessionEntry.Replicas[0];
        Assert.That(P4Entities.ReplicaPort(replica), Is.EqualTo(3u));
        Assert.That(replica.Instance, Is.EqualTo(1u));
    }

    [Test]
    public void RegisterValue_OutOfRangeIndex_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _index.RegisterValue("last_seen", 1024, 1));
        Entity e = _index.RegisterValue("last_seen", 7, 99);
        Assert.That(e.RegisterEntry.Index.Index_, Is.EqualTo(7));
        Assert.That(e.RegisterEntry.Data.Bitstring.ToByteArray(), Is.EqualTo(new byte[] { 99 }));
    }

    [Test]
    public void PacketMetadataCodec_EncodesOutAndDecodesIn()
    {
        var codec = new PacketMetadataCodec(_index);
        PacketOut packet = codec.PacketOut([1, 2, 3], ("egress_port", 7), ("_pad", 0));
        Assert.That(packet.Metadata[0].Value.ToByteArray(), Is.EqualTo(new byte[] { 7 }));

        var packetIn = new PacketIn();
        packetIn.Metadata.Add(new PacketMetadata { MetadataId = 1, Value = Google.Protobuf.ByteString.CopyFrom(0x01, 0x02) });
        Assert.That(codec.DecodePacketIn(packetIn)["ingress_port"], Is.EqualTo(258UL));
    }

    [Test]
    public void PacketMetadataCodec_MissingField_Throws()
    {
        var codec = new PacketMetadataCodec(_index);
        var e = Assert.Throws<InvalidOperationException>(() => codec.PacketOut([1], ("egress_port", 7)));
        Assert.That(e!.Message, Does.Contain("_pad"));
    }
}
