using Microsoft.Extensions.Time.Testing;
using Themis.P4Runtime.Client.Internal;

namespace Themis.P4Runtime.Tests.Client;

public sealed class ReconnectBackoffTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(15);

    [Test]
    public void GetDelay_MidpointSample_DoublesEachAttemptUntilTheCap()
    {
        var backoff = new ReconnectBackoff(Initial, Max, 2.0, 0.2, () => 0.5);

        double[] delaysMs = Enumerable.Range(1, 9).Select(a => backoff.GetDelay(a).TotalMilliseconds).ToArray();

        Assert.That(delaysMs, Is.EqualTo(new double[] { 250, 500, 1000, 2000, 4000, 8000, 15000, 15000, 15000 }));
    }

    [Test]
    public void GetDelay_JitterExtremes_StayWithinTheSpreadAndTheCap()
    {
        var low = new ReconnectBackoff(Initial, Max, 2.0, 0.2, () => 0.0);
        var high = new ReconnectBackoff(Initial, Max, 2.0, 0.2, () => 0.999999);

        Assert.That(low.GetDelay(1).TotalMilliseconds, Is.EqualTo(200).Within(0.001));
        Assert.That(high.GetDelay(1).TotalMilliseconds, Is.EqualTo(300).Within(0.01));
        Assert.That(low.GetDelay(7).TotalMilliseconds, Is.EqualTo(12000).Within(0.001));
        Assert.That(high.GetDelay(7), Is.EqualTo(Max), "jitter must never push a delay above the cap");
    }

    [Test]
    public void GetDelay_HugeAttempt_IsCappedNotOverflowed()
    {
        var backoff = new ReconnectBackoff(Initial, Max, 2.0, 0.0, () => 0.5);

        Assert.That(backoff.GetDelay(100_000), Is.EqualTo(Max));
    }

    [Test]
    public void GetDelay_AttemptZero_Throws()
    {
        var backoff = new ReconnectBackoff(Initial, Max, 2.0, 0.2, () => 0.5);

        Assert.Throws<ArgumentOutOfRangeException>(() => backoff.GetDelay(0));
    }

    [Test]
    public void FromOptions_UsesTheOptionsSchedule()
    {
        var options = new P4RuntimeClientOptions
        {
            ReconnectInitialDelay = TimeSpan.FromSeconds(1),
            ReconnectMaxDelay = TimeSpan.FromSeconds(3),
            ReconnectMultiplier = 3.0,
            ReconnectJitter = 0.0,
        };

        ReconnectBackoff backoff = ReconnectBackoff.FromOptions(options);

        Assert.That(backoff.GetDelay(1), Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(backoff.GetDelay(2), Is.EqualTo(TimeSpan.FromSeconds(3)));
        Assert.That(backoff.GetDelay(3), Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public async Task DelayAsync_FakeClock_CompletesOnlyWhenTheDelayHasPassed()
    {
        var time = new FakeTimeProvider();
        var backoff = new ReconnectBackoff(Initial, Max, 2.0, 0.0, () => 0.5);

        Task<TimeSpan> third = backoff.DelayAsync(3, time, CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.That(third.IsCompleted, Is.False, "attempt 3 waits 1 s");

        time.Advance(TimeSpan.FromMilliseconds(1));
        TimeSpan waited = await third.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.That(waited, Is.EqualTo(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public void DelayAsync_Cancelled_StopsWaiting()
    {
        var time = new FakeTimeProvider();
        var backoff = new ReconnectBackoff(Initial, Max, 2.0, 0.0, () => 0.5);
        using var cts = new CancellationTokenSource();

        Task<TimeSpan> wait = backoff.DelayAsync(1, time, cts.Token);
        cts.Cancel();

        Assert.That(async () => await wait.WaitAsync(TimeSpan.FromSeconds(5)), Throws.InstanceOf<OperationCanceledException>());
    }
}
