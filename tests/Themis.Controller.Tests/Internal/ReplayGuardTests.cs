using Microsoft.Extensions.Time.Testing;
using Themis.Controller.Internal;

namespace Themis.Controller.Tests.Internal;

public sealed class ReplayGuardTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Test]
    public void Check_SameSequenceTwice_SecondIsReplay()
    {
        var guard = new ReplayGuard(TimeSpan.FromSeconds(30), _time);

        Assert.That(guard.Check(1, 10, _time.GetUtcNow()), Is.Null);
        Assert.That(guard.Check(1, 10, _time.GetUtcNow()), Is.EqualTo(DaemonOutcome.Replayed));
        Assert.That(guard.Check(2, 10, _time.GetUtcNow()), Is.Null, "hosts have separate windows");
    }

    [Test]
    public void Check_OutOfOrderWithinWindow_AcceptedOnce()
    {
        var guard = new ReplayGuard(TimeSpan.FromSeconds(30), _time);
        guard.Check(1, 100, _time.GetUtcNow());

        Assert.That(guard.Check(1, 98, _time.GetUtcNow()), Is.Null);
        Assert.That(guard.Check(1, 98, _time.GetUtcNow()), Is.EqualTo(DaemonOutcome.Replayed));
        Assert.That(guard.Check(1, 100 - ReplayGuard.Window, _time.GetUtcNow()), Is.EqualTo(DaemonOutcome.Replayed));
    }

    [Test]
    public void Check_TimestampTooFar_Stale()
    {
        var guard = new ReplayGuard(TimeSpan.FromSeconds(30), _time);

        Assert.That(guard.Check(1, 1, _time.GetUtcNow() - TimeSpan.FromSeconds(31)), Is.EqualTo(DaemonOutcome.Stale));
        Assert.That(guard.Check(1, 1, _time.GetUtcNow() + TimeSpan.FromSeconds(31)), Is.EqualTo(DaemonOutcome.Stale));
        Assert.That(guard.Check(1, 1, _time.GetUtcNow() + TimeSpan.FromSeconds(29)), Is.Null);
    }
}
