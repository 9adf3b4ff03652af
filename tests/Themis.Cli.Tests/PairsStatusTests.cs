using Themis.Cli.Commands;

namespace Themis.Cli.Tests;

/// <summary>Reading the controller's /status document for <c>pairs --controller</c> (untrusted input: never a parser exception).</summary>
public sealed class PairsStatusTests
{
    private static readonly Uri Url = new("http://127.0.0.1:9464/status");

    [Test]
    public void ParseStatus_PairList_ReturnsThePairs()
    {
        var pairs = PairsCommand.ParseStatus("""{"role":"primary","pairs":[{"local":"10.0.0.1","remote":"10.1.0.2","expiresAt":"2025-01-01T00:00:00Z"}]}""", Url);
        Assert.That(pairs, Is.EqualTo(new[] { ("10.0.0.1", "10.1.0.2", (string?)"2025-01-01T00:00:00Z") }));
    }

    [Test]
    public void ParseStatus_OnlyACount_SaysSoAndPointsAtTheSwitch()
    {
        var e = Assert.Throws<CliException>(() => PairsCommand.ParseStatus("""{"role":"primary","verifiedPairs":3}""", Url));
        Assert.That(e!.ExitCode, Is.EqualTo(ExitCodes.Refused));
        Assert.That(e.Message, Does.Contain("only the number of verified pairs (3)"));
    }

    [TestCase("not json")]
    [TestCase("[1,2]")]
    [TestCase("""{"pairs":[{"local":1}]}""")]
    public void ParseStatus_Garbage_IsRefusedWithAMessage(string body)
    {
        var e = Assert.Throws<CliException>(() => PairsCommand.ParseStatus(body, Url));
        Assert.That(e!.ExitCode, Is.EqualTo(ExitCodes.Refused));
    }
}
