namespace Themis.Cli.Tests;

public sealed class IndexRangeTests
{
    [Test]
    public void Parse_SingleIndexAndRange_AreInclusive()
    {
        Assert.That(IndexRange.Parse("7", 10, "r"), Is.EqualTo(new IndexRange(7, 7)));
        Assert.That(IndexRange.Parse("0..9", 10, "r").Count, Is.EqualTo(10));
    }

    [TestCase("a")]
    [TestCase("3..")]
    [TestCase("5..2")]
    [TestCase("-1")]
    public void Parse_Malformed_IsAUsageError(string text)
    {
        var e = Assert.Throws<CliException>(() => IndexRange.Parse(text, 10, "r"));
        Assert.That(e!.ExitCode, Is.EqualTo(ExitCodes.Usage));
    }

    [Test]
    public void Parse_BeyondTheArray_IsNotFound()
    {
        var e = Assert.Throws<CliException>(() => IndexRange.Parse("8..10", 10, "Register 'r'"));
        Assert.That(e!.ExitCode, Is.EqualTo(ExitCodes.NotFound));
        Assert.That(e.Message, Does.Contain("10 cells (0..9)"));
    }
}
