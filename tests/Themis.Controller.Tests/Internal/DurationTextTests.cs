using Themis.Controller.Internal;

namespace Themis.Controller.Tests.Internal;

public sealed class DurationTextTests
{
    [TestCase("50us", 50 * TimeSpan.TicksPerMicrosecond)]
    [TestCase("2.5ms", 25_000L)]
    [TestCase("5ms", 5 * TimeSpan.TicksPerMillisecond)]
    [TestCase("30s", 30 * TimeSpan.TicksPerSecond)]
    [TestCase("2m", 2 * TimeSpan.TicksPerMinute)]
    [TestCase("1h", TimeSpan.TicksPerHour)]
    [TestCase("500ns", 5L)]
    public void TryParse_Valid_Parses(string text, long ticks)
    {
        Assert.That(DurationText.TryParse(text, out TimeSpan value), Is.True);
        Assert.That(value.Ticks, Is.EqualTo(ticks));
    }

    [TestCase("")]
    [TestCase("50")]
    [TestCase("us")]
    [TestCase("-5s")]
    [TestCase("5 parsecs")]
    public void TryParse_Invalid_Fails(string text)
    {
        Assert.That(DurationText.TryParse(text, out _), Is.False);
    }

    [TestCase("50us")]
    [TestCase("10ms")]
    [TestCase("30s")]
    [TestCase("1h")]
    public void Format_RoundTrips(string text)
    {
        DurationText.TryParse(text, out TimeSpan value);
        Assert.That(DurationText.Format(value), Is.EqualTo(text));
    }
}
