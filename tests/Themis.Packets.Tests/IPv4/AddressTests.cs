using Themis.Packets.Ethernet;
using Themis.Packets.IPv4;

namespace Themis.Packets.Tests.IPv4;

public sealed class AddressTests
{
    [TestCase("0.0.0.0", 0u)]
    [TestCase("10.0.0.1", 0x0A000001u)]
    [TestCase("255.255.255.255", 0xFFFFFFFFu)]
    public void IPv4Address_Parse_ValueAndBack(string text, uint value)
    {
        var address = IPv4Address.Parse(text);

        Assert.That(address.Value, Is.EqualTo(value));
        Assert.That(address.ToString(), Is.EqualTo(text));
    }

    [TestCase("")]
    [TestCase("10.0.0")]
    [TestCase("10.0.0.1.2")]
    [TestCase("256.0.0.1")]
    [TestCase("1..2.3")]
    [TestCase("a.b.c.d")]
    [TestCase("1.2.3.4 ")]
    [TestCase("1234.1.1.1")]
    public void IPv4Address_TryParse_Malformed_False(string text)
    {
        Assert.That(IPv4Address.TryParse(text, null, out _), Is.False);
    }

    [Test]
    public void MacAddress_ParseAndFormat_RoundTrip()
    {
        var mac = MacAddress.Parse("02:AB:cd:00:00:01");

        Assert.That(mac.Value, Is.EqualTo(0x02ABCD000001UL));
        Assert.That(mac.ToString(), Is.EqualTo("02:ab:cd:00:00:01"));
        Assert.That(MacAddress.TryParse("02:ab:cd:00:00", null, out _), Is.False);
        Assert.That(MacAddress.TryParse("02:ab:cd:00:00:0g", null, out _), Is.False);
    }
}
