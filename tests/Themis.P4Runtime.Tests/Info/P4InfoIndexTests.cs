using Google.Protobuf;
using P4.Config.V1;
using Themis.P4Runtime.Info;

namespace Themis.P4Runtime.Tests.Info;

public sealed class P4InfoIndexTests
{
    private P4InfoIndex _index = null!;

    [SetUp]
    public void LoadFixture() => _index = P4InfoIndex.Load(TestData.PathOf("basic.p4info.txtpb"));

    [Test]
    public void Table_ByFullOrShortName_ResolvesSameTable()
    {
        Assert.That(_index.Table("ipv4_lpm"), Is.SameAs(_index.Table("MyIngress.ipv4_lpm")));
        Assert.That(_index.Table(37375156u).Preamble.Name, Is.EqualTo("MyIngress.ipv4_lpm"));
    }

    [Test]
    public void Table_AmbiguousShortName_ThrowsListingBoth()
    {
        var e = Assert.Throws<P4InfoLookupException>(() => _index.Table("flow"));
        Assert.That(e!.Message, Does.Contain("ambiguous").And.Contain("MyEgress.flow").And.Contain("MyIngress.flow"));
    }

    [Test]
    public void Table_UnknownName_ThrowsWithKindNameAndClosestNames()
    {
        var e = Assert.Throws<P4InfoLookupException>(() => _index.Table("ipv4_lmp"));
        Assert.Multiple(() =>
        {
            Assert.That(e!.Kind, Is.EqualTo("table"));
            Assert.That(e.Name, Is.EqualTo("ipv4_lmp"));
            Assert.That(e.Closest, Does.Contain("MyIngress.ipv4_lpm"));
            Assert.That(e.Message, Does.Contain("No table named 'ipv4_lmp'").And.Contain("Did you mean 'MyIngress.ipv4_lpm'"));
        });
    }

    [Test]
    public void Lookup_EveryKindByShortName_Resolves()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_index.Action("ipv4_forward").Params, Has.Count.EqualTo(2));
            Assert.That(_index.Register("last_seen").Size, Is.EqualTo(1024));
            Assert.That(_index.Counter("port_packets").Spec.Unit, Is.EqualTo(CounterSpec.Types.Unit.Both));
            Assert.That(_index.DirectCounter("acl_hits").DirectTableId, Is.EqualTo(44506256u));
            Assert.That(_index.Meter("cpu_meter").Size, Is.EqualTo(1));
            Assert.That(_index.Digest("learn_t").Preamble.Id, Is.EqualTo(385920436u));
            Assert.That(_index.ControllerPacketMetadata("packet_in").Metadata[0].Bitwidth, Is.EqualTo(9));
            Assert.That(_index.DirectCounterOf(_index.Table("acl"))!.Preamble.Name, Is.EqualTo("MyIngress.acl_hits"));
            Assert.That(_index.DirectMeterOf(_index.Table("acl")), Is.Null);
        });
    }

    [Test]
    public void Lookup_UnknownRegister_NamesKind()
    {
        var e = Assert.Throws<P4InfoLookupException>(() => _index.Register("last_sen"));
        Assert.That(e!.Message, Does.StartWith("No register named 'last_sen'").And.Contain("MyIngress.last_seen"));
    }

    [Test]
    public void Lookup_UnknownId_ShowsHex()
    {
        var e = Assert.Throws<P4InfoLookupException>(() => _index.Action(0x01000099u));
        Assert.That(e!.Message, Does.Contain("0x01000099"));
    }

    [Test]
    public void MatchField_ByShortSuffix_ResolvesAndWidthIsKnown()
    {
        MatchField field = P4InfoIndex.MatchField(_index.Table("ipv4_lpm"), "dstAddr");
        Assert.That(field.Name, Is.EqualTo("hdr.ipv4.dstAddr"));
        Assert.That(field.Bitwidth, Is.EqualTo(32));
    }

    [Test]
    public void MatchField_Unknown_ListsTheTableFields()
    {
        var e = Assert.Throws<P4InfoLookupException>(() => P4InfoIndex.MatchField(_index.Table("acl"), "dstPrt"));
        Assert.That(e!.Message, Does.Contain("hdr.tcp.dstPort"));
    }

    [Test]
    public void Param_Unknown_ListsParameters()
    {
        var e = Assert.Throws<P4InfoLookupException>(() => P4InfoIndex.Param(_index.Action("ipv4_forward"), "prt"));
        Assert.That(e!.Message, Does.Contain("dstAddr, port"));
    }

    [Test]
    public void ActionScopes_DefaultOnlyAndTableOnly_Respected()
    {
        Table acl = _index.Table("acl");
        uint noAction = _index.Action("NoAction").Preamble.Id;
        Assert.Multiple(() =>
        {
            Assert.That(P4InfoIndex.IsEntryAction(acl, noAction), Is.False);
            Assert.That(P4InfoIndex.IsDefaultAction(acl, noAction), Is.True);
            Assert.That(P4InfoIndex.IsDefaultAction(_index.Table("MyEgress.flow"), _index.Action("set_slot").Preamble.Id), Is.False);
        });
    }

    [Test]
    public void Load_BinaryForm_EqualsTextForm()
    {
        string path = Path.Combine(Path.GetTempPath(), $"themis-{Guid.NewGuid():N}.p4info.bin");
        try
        {
            File.WriteAllBytes(path, _index.P4Info.ToByteArray());
            Assert.That(P4InfoIndex.Load(path).P4Info, Is.EqualTo(_index.P4Info));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void ParseP4Info_Garbage_ThrowsInvalidData()
    {
        byte[] garbage = [0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01];
        Assert.Throws<InvalidDataException>(() => P4InfoIndex.ParseP4Info(garbage));
    }

    [Test]
    public void PrefixOf_TableId_IsTable()
    {
        Assert.That(P4InfoIndex.PrefixOf(_index.Table("acl").Preamble.Id), Is.EqualTo(P4Ids.Types.Prefix.Table));
    }
}
