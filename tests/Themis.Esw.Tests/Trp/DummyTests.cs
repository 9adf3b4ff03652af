using Themis.Esw.Tests.Support;
using static Themis.Esw.Tests.Support.EswTopology;

namespace Themis.Esw.Tests.Trp;

/// <summary>Dummies the controller injects to the loop port keep circulating (DESIGN §3.8); from any other port they are dropped.</summary>
[TestFixture(Target.Embedded)]
[TestFixture(Target.Remote, Category = "Bmv2")]
public sealed class DummyTests(Target target) : EswTestBase(target)
{
    [Test]
    public async Task Dummies_InjectedToLoopPort_CirculateUntilAbsorbed()
    {
        Switch.Loop.AbsorbDummies = false;

        await InjectDummyAsync(7);
        await InjectDummyAsync(8);

        await Switch.Loop.WaitForAsync(_ => Switch.Loop.DummyPasses(7) >= 5 && Switch.Loop.DummyPasses(8) >= 5, Timeouts.Packet, "five passes of each dummy", Ct);
        Switch.Loop.AbsorbDummies = true;
        await Task.Delay(Timeouts.Quiet, Ct);
        Assert.That(Switch.Loop.Log.Where(f => LoopPump.IsDummy(f, out _)).Distinct(ByteArrays.Comparer).Count(), Is.EqualTo(2), "the same two dummies every pass, unchanged");
        Assert.That(await EventCountAsync(EswEvent.DummyRecirculated), Is.GreaterThanOrEqualTo(8));
        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.PacketOut, 2));
    }

    [Test]
    public async Task Dummy_FromDcPort_DroppedAndCounted()
    {
        await SendPacketAsync(DcPortA, EswPackets.Dummy(9));

        await ExpectNoOtherPacketsAsync();
        Assert.That(Switch.Loop.Log, Is.Empty);
        await ExpectEventsAsync((EswEvent.DropDummyFromWire, 1), (EswEvent.DummyRecirculated, 0));
    }
}
