using Themis.Cli.Formatting;
using Themis.P4Runtime.Encoding;

namespace Themis.Cli.Tests.Formatting;

public sealed class ValueFormatterTests
{
    [TestCase("hdr.ipv4.dst_addr", 32, ExpectedResult = "IPv4")]
    [TestCase("ipv4_src", 32, ExpectedResult = "IPv4")]
    [TestCase("control_ip", 32, ExpectedResult = "IPv4")]
    [TestCase("cnp_session", 32, ExpectedResult = "Decimal")]
    [TestCase("skip_count", 32, ExpectedResult = "Decimal")]
    [TestCase("hdr.ipv6.dst_addr", 128, ExpectedResult = "IPv6")]
    [TestCase("hdr.ethernet.dst_addr", 48, ExpectedResult = "Mac")]
    [TestCase("switch_mac", 48, ExpectedResult = "Mac")]
    [TestCase("dmac", 48, ExpectedResult = "Mac")]
    [TestCase("cnp_time", 48, ExpectedResult = "Decimal")]
    [TestCase("dest_qp", 24, ExpectedResult = "Hex")]
    [TestCase("local_qpn", 24, ExpectedResult = "Hex")]
    [TestCase("slot", 16, ExpectedResult = "Decimal")]
    [TestCase("reserved", 128, ExpectedResult = "Hex")]
    public string StyleFor_NameAndWidth_PicksTheDocumentedStyle(string name, int width) => ValueFormatter.StyleFor(name, width).ToString();

    [Test]
    public void Format_EachStyle_PrintsOperatorForm()
    {
        Assert.That(ValueFormatter.Format("ipv4_dst", 32, P4Bytes.Encode(0x0A010002UL, 32)), Is.EqualTo("10.1.0.2"));
        Assert.That(ValueFormatter.Format("dmac", 48, P4Bytes.Encode(0x020000000101UL, 48)), Is.EqualTo("02:00:00:00:01:01"));
        Assert.That(ValueFormatter.Format("dest_qp", 24, P4Bytes.Encode(0x11UL, 24)), Is.EqualTo("0x000011"));
        Assert.That(ValueFormatter.Format("slot", 16, P4Bytes.Encode(0UL, 16)), Is.EqualTo("0"));
    }

    [Test]
    public void Format_ValueWiderThanItsField_ShowsRawBytesInsteadOfThrowing()
    {
        var tooWide = Google.Protobuf.ByteString.CopyFrom(0x01, 0x00, 0x00, 0x00);
        Assert.That(ValueFormatter.Format("dest_qp", 24, tooWide), Does.Contain("invalid for bit<24>"));
        Assert.That(ValueFormatter.Format("dest_qp", 24, Google.Protobuf.ByteString.Empty), Does.Contain("invalid"));
        Assert.That(ValueFormatter.TryDecode(tooWide, 24), Is.Null);
    }

    [Test]
    public void Hex_PaddedInput_IsFixedWidth()
    {
        Assert.That(ValueFormatter.Hex(Google.Protobuf.ByteString.CopyFrom(0x00, 0x00, 0x05), 16), Is.EqualTo("0x0005"));
        Assert.That(ValueFormatter.Hex(P4Bytes.Encode(0UL, 9), 9), Is.EqualTo("0x000"));
    }
}
