using System.Net;
using System.Numerics;
using Google.Protobuf;
using Themis.P4Runtime.Encoding;

namespace Themis.P4Runtime.Tests.Encoding;

public sealed class P4BytesTests
{
    [TestCase(0UL, 8, "00")]
    [TestCase(0UL, 32, "00")]
    [TestCase(1UL, 9, "01")]
    [TestCase(511UL, 9, "01FF")]
    [TestCase(0x123456UL, 24, "123456")]
    [TestCase(0x10UL, 48, "10")]
    [TestCase(ulong.MaxValue, 64, "FFFFFFFFFFFFFFFF")]
    public void Encode_Value_IsShortestString(ulong value, int width, string expectedHex)
    {
        Assert.That(Convert.ToHexString(P4Bytes.Encode(value, width).Span), Is.EqualTo(expectedHex));
    }

    [TestCase(512UL, 9)]
    [TestCase(256UL, 8)]
    [TestCase(2UL, 1)]
    public void Encode_ValueTooWide_ThrowsNamingWidth(ulong value, int width)
    {
        var e = Assert.Throws<P4BytesException>(() => P4Bytes.Encode(value, width));
        Assert.That(e!.Message, Does.Contain($"bit<{width}>"));
    }

    [Test]
    public void Encode_BigIntegerWiderThan64Bits_RoundTrips()
    {
        BigInteger value = (BigInteger.One << 100) + 7;
        ByteString encoded = P4Bytes.Encode(value, 128);
        Assert.That(encoded.Length, Is.EqualTo(13));
        Assert.That(P4Bytes.DecodeBigInteger(encoded, 128), Is.EqualTo(value));
    }

    [Test]
    public void Canonicalize_PaddedLegacyForm_StripsLeadingZeros()
    {
        byte[] padded = [0x00, 0x00, 0x01, 0x02];
        Assert.That(Convert.ToHexString(P4Bytes.Canonicalize(padded, 32).Span), Is.EqualTo("0102"));
    }

    [Test]
    public void Canonicalize_PaddedZero_IsOneZeroByte()
    {
        Assert.That(P4Bytes.Canonicalize(new byte[] { 0, 0, 0 }, 24).ToByteArray(), Is.EqualTo(new byte[] { 0 }));
    }

    [Test]
    public void Canonicalize_LongerThanWidthButFits_Accepted()
    {
        // The spec bounds the value, not the string length: \x00\x00\x01 is a valid bit<9> 1.
        Assert.That(P4Bytes.Canonicalize(new byte[] { 0, 0, 1 }, 9).ToByteArray(), Is.EqualTo(new byte[] { 1 }));
    }

    [Test]
    public void TryCanonicalize_ValueDoesNotFit_ReportsError()
    {
        bool ok = P4Bytes.TryCanonicalize(new byte[] { 0x02, 0x00 }, 9, out ByteString? canonical, out string? error);
        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.False);
            Assert.That(canonical, Is.Null);
            Assert.That(error, Does.Contain("bit<9>").And.Contain("0x0200"));
        });
    }

    [Test]
    public void TryCanonicalize_Empty_IsInvalid()
    {
        Assert.That(P4Bytes.TryCanonicalize(ReadOnlySpan<byte>.Empty, 8, out _, out string? error), Is.False);
        Assert.That(error, Does.Contain("Empty"));
    }

    [Test]
    public void EncodeIPv4_TrimsLeadingZeroOctets()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexString(P4Bytes.EncodeIPv4(IPAddress.Parse("10.0.0.1")).Span), Is.EqualTo("0A000001"));
            Assert.That(Convert.ToHexString(P4Bytes.EncodeIPv4(IPAddress.Parse("0.0.1.5")).Span), Is.EqualTo("0105"));
            Assert.That(P4Bytes.DecodeIPv4(ByteString.CopyFrom(0x01, 0x05)), Is.EqualTo(IPAddress.Parse("0.0.1.5")));
        });
    }

    [Test]
    public void EncodeIPv4_GivenIPv6_Throws()
    {
        Assert.Throws<P4BytesException>(() => P4Bytes.EncodeIPv4(IPAddress.IPv6Loopback));
    }

    [Test]
    public void EncodeIPv6_RoundTrips()
    {
        IPAddress address = IPAddress.Parse("2001:db8::42");
        Assert.That(P4Bytes.DecodeIPv6(P4Bytes.EncodeIPv6(address)), Is.EqualTo(address));
    }

    [Test]
    public void EncodeMac_RoundTripsAndFormats()
    {
        ByteString encoded = P4Bytes.EncodeMac("00:11:22:33:44:55");
        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexString(encoded.Span), Is.EqualTo("1122334455"));
            Assert.That(P4Bytes.FormatMac(P4Bytes.DecodeMac(encoded)), Is.EqualTo("00:11:22:33:44:55"));
        });
    }

    [TestCase("00:11:22:33:44")]
    [TestCase("00:11:22:33:44:zz")]
    [TestCase("001122334455")]
    public void EncodeMac_Malformed_ThrowsWithExample(string text)
    {
        var e = Assert.Throws<P4BytesException>(() => P4Bytes.EncodeMac(text));
        Assert.That(e!.Message, Does.Contain("00:11:22:33:44:55"));
    }

    [TestCase("42", 16, "2A")]
    [TestCase("0x2a", 16, "2A")]
    [TestCase("10.0.0.1", 32, "0A000001")]
    [TestCase("aa:bb:cc:dd:ee:ff", 48, "AABBCCDDEEFF")]
    public void Parse_OperatorText_Encodes(string text, int width, string expectedHex)
    {
        Assert.That(Convert.ToHexString(P4Bytes.Parse(text, width).Span), Is.EqualTo(expectedHex));
    }

    [Test]
    public void Parse_NotANumber_Throws()
    {
        Assert.Throws<P4BytesException>(() => P4Bytes.Parse("ten", 8));
    }

    [TestCase(new byte[] { 0x01, 0xFF }, 9, 511UL)]
    [TestCase(new byte[] { 0x00, 0x00, 0x00, 0x07 }, 3, 7UL)]
    public void DecodeUInt64_AcceptsPaddedForms(byte[] bytes, int width, ulong expected)
    {
        Assert.That(P4Bytes.DecodeUInt64(ByteString.CopyFrom(bytes), width), Is.EqualTo(expected));
    }

    [Test]
    public void ToFixedWidth_PadsToWholeBytes()
    {
        Assert.That(P4Bytes.ToFixedWidth(ByteString.CopyFrom(0x05), 24), Is.EqualTo(new byte[] { 0, 0, 5 }));
    }

    [Test]
    public void Encode_DecodeRoundTrip_EveryWidthUpTo64()
    {
        var random = new Random(4791);
        for (int width = 1; width <= 64; width++)
        {
            ulong max = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
            ulong value = (ulong)random.NextInt64() & max;
            ByteString encoded = P4Bytes.Encode(value, width);
            Assert.That(P4Bytes.IsCanonical(encoded.Span), Is.True, $"width {width}");
            Assert.That(P4Bytes.DecodeUInt64(encoded, width), Is.EqualTo(value), $"width {width}");
        }
    }
}
