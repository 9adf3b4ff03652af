using Themis.Packets.Ethernet;
using Themis.Packets.SwitchInternal;
using Themis.Packets.Tests.Support;

namespace Themis.Packets.Tests.SwitchInternal;

public sealed class SwitchInternalHeaderTests
{
    [Test]
    public void PacketInHeader_WriteTo_NineBitPortThenFields()
    {
        var header = new PacketInHeader(IngressPort: 0x1FF, PuntReason.CnpCopy, Slot: 0x0102, LocalQpn: 0xABCDEF, CacheIndex: 7, CacheEntry: 0xBEEF8003);
        var bytes = new byte[PacketInHeader.Size];

        header.WriteTo(bytes);

        Assert.That(Hex.Dump(bytes), Is.EqualTo("ff80" + "02" + "0102" + "abcdef" + "00000007" + "beef8003"));
        Assert.That(PacketInHeader.TryReadFrom(bytes, out var again), Is.True);
        Assert.That(again, Is.EqualTo(header));
    }

    [Test]
    public void PacketOutHeader_RoundTrip_PortInTopNineBits()
    {
        var bytes = new byte[PacketOutHeader.Size];
        new PacketOutHeader(3).WriteTo(bytes);

        Assert.That(Hex.Dump(bytes), Is.EqualTo("0180"));
        Assert.That(PacketOutHeader.TryReadFrom(bytes, out var again) && again.EgressPort == 3, Is.True);
    }

    [Test]
    public void LoopHeader_RoundTrip()
    {
        var header = new LoopHeader(LoopsLeft: 4, Slot: 1023, OriginalEtherType: EtherTypes.IPv4, Passes: 2);
        var bytes = new byte[LoopHeader.Size];

        header.WriteTo(bytes);

        Assert.That(Hex.Dump(bytes), Is.EqualTo("01" + "04" + "03ff" + "0800" + "02" + "00"));
        Assert.That(LoopHeader.TryReadFrom(bytes, out var again), Is.True);
        Assert.That(again, Is.EqualTo(header));
    }

    [Test]
    public void TryReadFrom_WrongKindOrShort_False()
    {
        var loop = new byte[LoopHeader.Size];
        new LoopHeader(1, 1, EtherTypes.IPv4, 0).WriteTo(loop);

        Assert.Multiple(() =>
        {
            Assert.That(DummyHeader.TryReadFrom(loop, out _), Is.False);
            Assert.That(ControlHeader.TryReadFrom(new byte[ControlHeader.Size], out _), Is.False);
            Assert.That(LoopHeader.TryReadFrom(loop.AsSpan(0, 7), out _), Is.False);
            Assert.That(PacketInHeader.TryReadFrom(new byte[15], out _), Is.False);
        });
    }

    [Test]
    public void ControlHeader_AllFields_RoundTripAndOffsets()
    {
        var header = new ControlHeader
        {
            Op = ControlOp.ReadSlot,
            Status = ControlStatus.Ok,
            RequestId = 0x01020304,
            Index = 9,
            ExpectedCacheEntry = 0xAABBCCDD,
            FlowState = FlowState.Recover,
            LoopNum = 3,
            Alpha = 6,
            CnpNum = 11,
            CnpTime = 0x123456789ABC,
            LastCnp = 0xCBA987654321,
            LastPsn = 0x0100_0042,
            InLoop = 5,
            CacheEntry = 0x11118001,
        };
        var bytes = new byte[ControlHeader.Size];

        header.WriteTo(bytes);

        Assert.That(Hex.Dump(bytes), Is.EqualTo(
            "03" + "02" + "01" + "00" + "01020304" + "00000009" + "aabbccdd"
            + "02" + "03" + "0006" + "0000000b" + "123456789abc" + "cba987654321" + "01000042" + "0005" + "0000" + "11118001"));
        Assert.That(ControlHeader.TryReadFrom(bytes, out var again), Is.True);
        Assert.That(again, Is.EqualTo(header));
        Assert.That(again.LastPsnValid, Is.True);
    }

    [Test]
    public void BuildControlRequest_ThenRead_SameRequest()
    {
        var frame = ThemisFrames.BuildControlRequest(ControlOp.ClearCacheIfMatch, index: 77, requestId: 5, expectedCacheEntry: 0x12348002);

        Assert.That(frame, Has.Length.EqualTo(EthernetHeader.Size + ControlHeader.Size));
        Assert.That(ThemisFrames.TryReadControl(frame, out var control), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(control.Op, Is.EqualTo(ControlOp.ClearCacheIfMatch));
            Assert.That(control.Status, Is.EqualTo(ControlStatus.Request));
            Assert.That(control.Index, Is.EqualTo(77u));
            Assert.That(control.ExpectedCacheEntry, Is.EqualTo(0x12348002u));
        });
    }

    [Test]
    public void WithLoopHeader_Ipv4Frame_EtherTypeMovedIntoLoopHeader()
    {
        var frame = Hex.Parse("020000000002 020000000001 0800 4500");

        var looped = ThemisFrames.WithLoopHeader(frame, loopsLeft: 2, slot: 3);

        Assert.That(Hex.Dump(looped), Is.EqualTo("020000000002020000000001" + "88b5" + "0102000308000000" + "4500"));
    }

    [Test]
    public void BuildDummy_RequestedSize_HeaderAfterEthernet()
    {
        var dummy = ThemisFrames.BuildDummy(MacAddress.Parse("02:00:00:00:00:01"), dummyId: 4, generation: 2, frameSize: 100);

        Assert.That(dummy, Has.Length.EqualTo(100));
        Assert.That(DummyHeader.TryReadFrom(dummy.AsSpan(EthernetHeader.Size), out var header), Is.True);
        Assert.That(header, Is.EqualTo(new DummyHeader(4, 2)));
    }

    [TestCase(0u, (ushort)0, (ushort)0, false)]
    [TestCase(0xBEEF8003u, (ushort)0xBEEF, (ushort)3, true)]
    [TestCase(0x00017FFFu, (ushort)1, (ushort)0x7FFF, false)]
    public void CnpCacheEntry_FromRaw_TagValidSlot(uint raw, ushort tag, ushort slot, bool valid)
    {
        var entry = CnpCacheEntry.FromRaw(raw);

        Assert.That(entry, Is.EqualTo(new CnpCacheEntry(tag, slot, valid)));
        Assert.That(entry.ToRaw(), Is.EqualTo(raw));
    }
}
