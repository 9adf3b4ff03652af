using Themis.Controller.Internal;

namespace Themis.Controller.Tests.Internal;

public sealed class LogBudgetTests
{
    private static readonly long s_second = TimeSpan.TicksPerSecond;

    [Test]
    public void TryTake_BeyondBudget_SuppressedAndReportedWhenNextWindowOpens()
    {
        var budget = new LogBudget(TimeSpan.FromSeconds(1), perWindow: 2);

        Assert.That(budget.TryTake(0, out long first), Is.True);
        Assert.That(budget.TryTake(1, out _), Is.True);
        Assert.That(budget.TryTake(2, out _), Is.False);
        Assert.That(budget.TryTake(3, out _), Is.False);
        Assert.That(first, Is.Zero);

        Assert.That(budget.TryTake(s_second, out long suppressed), Is.True);
        Assert.That(suppressed, Is.EqualTo(2));
        Assert.That(budget.TryTake(s_second + 1, out long again), Is.True);
        Assert.That(again, Is.Zero, "reported once");
    }

    [Test]
    public void TakeSuppressed_OnlyOnceTheWindowClosed()
    {
        var budget = new LogBudget(TimeSpan.FromSeconds(1), perWindow: 1);
        budget.TryTake(0, out _);
        budget.TryTake(1, out _);
        budget.TryTake(2, out _);

        Assert.That(budget.TakeSuppressed(s_second / 2), Is.Zero, "window still open");
        Assert.That(budget.TakeSuppressed(s_second), Is.EqualTo(2));
        Assert.That(budget.TakeSuppressed(2 * s_second), Is.Zero);
    }
}
