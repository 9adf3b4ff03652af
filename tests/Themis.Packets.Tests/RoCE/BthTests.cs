using Themis.Packets.RoCE;
using Themis.Packets.Tests.Support;

namespace Themis.Packets.Tests.RoCE;

public sealed class BthTests
{
    [Test]
    public void WriteTo_EveryFieldSet_BitsWhereIbaPutsThem()
    {
        var bth = new Bth
        {
            Opcode = 0x0A,
            SolicitedEvent = true,
            MigrationRequest = false,
            PadCount = 3,
            TransportVersion = 0,
            PKey = 0x1234,
            Fecn = true,
            Becn = false,
            DestQp = 0x00ABCD,
            AckRequest = true,
            Psn = 0xFEDCBA,
        };
        var bytes = new byte[Bth.Size];

        bth.WriteTo(bytes);

        Assert.That(Hex.Dump(bytes), Is.EqualTo("0ab01234" + "8000abcd" + "80fedcba"));
    }

    [Test]
    public void TryReadFrom_WrittenBth_RoundTripsIncludingReservedBits()
    {
        var original = Hex.Parse("81 ff 7fff 3f 123456 7f 654321");

        Assert.That(Bth.TryReadFrom(original, out var bth), Is.True);
        var again = new byte[Bth.Size];
        bth.WriteTo(again);

        Assert.That(Hex.Dump(again), Is.EqualTo(Hex.Dump(original)));
        Assert.Multiple(() =>
        {
            Assert.That(bth.IsCnp, Is.True);
            Assert.That(bth.SolicitedEvent && bth.MigrationRequest, Is.True);
            Assert.That(bth.PadCount, Is.EqualTo((byte)3));
            Assert.That(bth.TransportVersion, Is.EqualTo((byte)0xF));
            Assert.That(bth.Reserved6, Is.EqualTo((byte)0x3F));
            Assert.That(bth.Reserved7, Is.EqualTo((byte)0x7F));
            Assert.That(bth.DestQp, Is.EqualTo(0x123456u));
            Assert.That(bth.Psn, Is.EqualTo(0x654321u));
        });
    }

    [Test]
    public void TryReadFrom_ElevenBytes_False()
    {
        Assert.That(Bth.TryReadFrom(new byte[Bth.Size - 1], out _), Is.False);
    }

    [Test]
    public void Init_QpnWiderThan24Bits_Throws()
    {
        Assert.That(() => new Bth { DestQp = 0x100_0000 }, Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => new Bth { Psn = 0x100_0000 }, Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => new Bth { PadCount = 4 }, Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [TestCase((byte)0x00, true)]
    [TestCase((byte)0x0B, true)]
    [TestCase((byte)0x0C, false)]
    [TestCase((byte)0x0D, true)]
    [TestCase((byte)0x10, true)]
    [TestCase((byte)0x11, false)]
    [TestCase((byte)0x2A, true)]
    [TestCase((byte)0x64, true)]
    [TestCase((byte)0x44, false)]
    [TestCase((byte)0x81, false)]
    public void IsData_Opcode_MatchesDataPlaneRule(byte opcode, bool expected)
    {
        Assert.That(BthOpcodes.IsData(opcode), Is.EqualTo(expected));
    }
}
