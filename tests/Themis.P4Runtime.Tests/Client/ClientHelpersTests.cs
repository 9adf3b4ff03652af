using Grpc.Core;
using P4.Config.V1;
using P4.V1;
using Themis.P4Runtime.Client.Internal;

namespace Themis.P4Runtime.Tests.Client;

public sealed class ClientHelpersTests
{
    [Test]
    public void ElectionIds_RoundTripAll128Bits()
    {
        UInt128 value = new(0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210);

        P4.V1.Uint128 proto = ElectionIds.ToProto(value);

        Assert.That(proto.High, Is.EqualTo(0x0123_4567_89ab_cdefUL));
        Assert.That(proto.Low, Is.EqualTo(0xfedc_ba98_7654_3210UL));
        Assert.That(ElectionIds.FromProto(proto), Is.EqualTo(value));
        Assert.That(ElectionIds.FromProto(null), Is.EqualTo(UInt128.Zero));
    }

    [TestCase(StatusCode.OK, "OK")]
    [TestCase(StatusCode.AlreadyExists, "ALREADY_EXISTS")]
    [TestCase(StatusCode.PermissionDenied, "PERMISSION_DENIED")]
    [TestCase(StatusCode.DeadlineExceeded, "DEADLINE_EXCEEDED")]
    [TestCase((StatusCode)42, "code 42")]
    public void CanonicalCodes_Name_UsesTheSpecificationSpelling(StatusCode code, string expected)
    {
        Assert.That(CanonicalCodes.Name(code), Is.EqualTo(expected));
    }

    [Test]
    public void EntityDescriber_NamesObjectsFromP4Info()
    {
        var p4Info = new P4Info();
        p4Info.Counters.Add(new Counter { Preamble = new Preamble { Id = 0x1200_0001, Name = "MyIngress.drops" } });
        var names = new P4InfoNames(p4Info);
        var counter = new Entity { CounterEntry = new CounterEntry { CounterId = 0x1200_0001, Index = new P4.V1.Index { Index_ = 4 } } };
        var clone = new Entity
        {
            PacketReplicationEngineEntry = new PacketReplicationEngineEntry { CloneSessionEntry = new CloneSessionEntry { SessionId = 5 } },
        };
        var unknownTable = new Entity { TableEntry = new TableEntry { TableId = 0x0200_0009, IsDefaultAction = true } };

        Assert.That(EntityDescriber.Describe(counter, names), Is.EqualTo("counter_entry MyIngress.drops (0x12000001)[4]"));
        Assert.That(EntityDescriber.Describe(clone, names), Is.EqualTo("packet_replication_engine_entry clone session 5"));
        Assert.That(EntityDescriber.Describe(unknownTable, names), Is.EqualTo("table_entry 0x02000009 default entry"));
        Assert.That(EntityDescriber.Describe(new Entity(), names), Is.EqualTo("empty entity"));
    }
}
