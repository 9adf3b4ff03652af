using Microsoft.Extensions.Time.Testing;
using Themis.Switch.Runtime.Externs;

namespace Themis.Switch.Tests.Runtime;

public sealed class MeterCellTests
{
    [Test]
    public void Execute_Unconfigured_IsGreen()
    {
        var meter = new MeterCell(new FakeTimeProvider());
        Assert.That(meter.Execute(1500), Is.EqualTo(MeterColor.Green));
    }

    [Test]
    public void Execute_BurstsExhausted_GoesYellowThenRed()
    {
        var time = new FakeTimeProvider();
        var meter = new MeterCell(time);
        // Packets meter: 1 pkt/s committed with burst 2, 2 pkt/s peak with burst 3.
        Assert.That(meter.TryConfigure(new MeterConfig(1, 2, 2, 3)), Is.True);
        var colors = Enumerable.Range(0, 4).Select(_ => meter.Execute(1)).ToArray();
        Assert.That(colors, Is.EqualTo(new[] { MeterColor.Green, MeterColor.Green, MeterColor.Yellow, MeterColor.Red }));
    }

    [Test]
    public void Execute_AfterTimePasses_Refills()
    {
        var time = new FakeTimeProvider();
        var meter = new MeterCell(time);
        meter.TryConfigure(new MeterConfig(1000, 1, 1000, 1));
        Assert.That(meter.Execute(1), Is.EqualTo(MeterColor.Green));
        Assert.That(meter.Execute(1), Is.EqualTo(MeterColor.Red));
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(meter.Execute(1), Is.EqualTo(MeterColor.Green));
    }

    [Test]
    public void TryConfigure_CommittedAbovePeak_IsRejected()
    {
        var meter = new MeterCell(new FakeTimeProvider());
        Assert.That(meter.TryConfigure(new MeterConfig(10, 1, 5, 1)), Is.False);
        Assert.That(meter.Config, Is.Null);
    }

    [Test]
    public void TryConfigure_AllZero_ResetsToGreen()
    {
        var meter = new MeterCell(new FakeTimeProvider());
        meter.TryConfigure(new MeterConfig(1, 1, 1, 1));
        meter.Execute(1);
        Assert.That(meter.TryConfigure(new MeterConfig(0, 0, 0, 0)), Is.True);
        Assert.That(meter.Config, Is.Null);
        Assert.That(meter.Execute(100), Is.EqualTo(MeterColor.Green));
    }
}
