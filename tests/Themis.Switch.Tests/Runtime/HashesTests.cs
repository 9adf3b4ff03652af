using System.Text;
using Themis.Switch.Runtime.Externs;

namespace Themis.Switch.Tests.Runtime;

public sealed class HashesTests
{
    private static readonly byte[] Check = Encoding.ASCII.GetBytes("123456789");

    [Test]
    public void Compute_Crc16OnCheckString_IsArcCheckValue()
    {
        Assert.That(Hashes.Compute(HashAlgorithm.Crc16, Check), Is.EqualTo(0xBB3Dul));
        Assert.That(Hashes.Compute(HashAlgorithm.Crc16Custom, Check), Is.EqualTo(0xBB3Dul));
    }

    [Test]
    public void Compute_Crc32OnCheckString_IsIeeeCheckValue()
    {
        Assert.That(Hashes.Compute(HashAlgorithm.Crc32, Check), Is.EqualTo(0xCBF43926ul));
        Assert.That(Hashes.Compute(HashAlgorithm.Crc32Custom, Check), Is.EqualTo(0xCBF43926ul));
    }

    [Test]
    public void Crc_NonReflectedConfig_MatchesCcittFalse()
    {
        var crc = new Crc(new CrcConfig(16, 0x1021, 0xFFFF, 0, false, false));
        Assert.That(crc.Compute(Check), Is.EqualTo(0x29B1ul));
    }

    [Test]
    public void Csum16_Ipv4HeaderWithChecksum_IsZero()
    {
        // RFC 1071 example header (checksum field filled in): summing it must give 0.
        byte[] header = Convert.FromHexString("450000730000400040110000c0a80001c0a800c7");
        ushort checksum = Hashes.Csum16(header);
        header[10] = (byte)(checksum >> 8);
        header[11] = (byte)checksum;
        Assert.That(checksum, Is.EqualTo(0xB861));
        Assert.That(Hashes.Csum16(header), Is.Zero);
    }

    [Test]
    public void Csum16_OddLength_PadsWithZero()
    {
        Assert.That(Hashes.Csum16([0x12, 0x34, 0x56]), Is.EqualTo(Hashes.Csum16([0x12, 0x34, 0x56, 0x00])));
    }

    [Test]
    public void Xor16_OddLength_XorsBigEndianWordsZeroPadded()
    {
        Assert.That(Hashes.Xor16([0x12, 0x34, 0x56]), Is.EqualTo((ushort)(0x1234 ^ 0x5600)));
    }

    [Test]
    public void Identity_LongInput_TakesFirstEightBytesBigEndian()
    {
        Assert.That(Hashes.Identity([1, 2, 3, 4, 5, 6, 7, 8, 9]), Is.EqualTo(0x0102030405060708ul));
        Assert.That(Hashes.Identity([0xAB, 0xCD]), Is.EqualTo(0xABCDul));
    }
}
