using System.Text.RegularExpressions;
using Themis.Esw.Tests.Support;
using Themis.Packets.IPv4;
using Themis.Packets.RoCE;
using Themis.Packets.Tcp;

namespace Themis.Esw.Tests.Harness;

/// <summary>The harness itself: names it mirrors from the P4 program, masks, diffs and builders.</summary>
public sealed partial class HarnessTests
{
    [Test]
    public void EswEvent_EveryIndex_MatchesDefineP4()
    {
        string define = File.ReadAllText(Path.Combine(EswProgram.SourceRoot, "include", "define.p4"));
        string[] fromP4 = [.. EventConstant().Matches(define).Select(m => $"{m.Groups[1].Value.Replace("_", string.Empty, StringComparison.Ordinal)}={m.Groups[2].Value}").Order(StringComparer.Ordinal)];
        string[] fromEnum = [.. Enum.GetValues<EswEvent>().Select(e => $"{e.ToString().ToUpperInvariant()}={(int)e}").Order(StringComparer.Ordinal)];
        Assert.That(fromEnum, Is.EqualTo(fromP4));
    }

    [Test]
    public void PacketLayout_RoceDataFrame_NamesEveryHeaderField()
    {
        byte[] frame = EswPackets.RoceData(EswTopology.HostA, EswTopology.RemoteHost, 0x123456, 77, payloadBytes: 8);
        var fields = PacketLayout.Fields(frame).ToDictionary(f => f.Name);
        Assert.Multiple(() =>
        {
            Assert.That(fields["bth.dest_qp"].ValueIn(frame), Is.EqualTo(0x123456));
            Assert.That(fields["bth.psn"].ValueIn(frame), Is.EqualTo(77));
            Assert.That(fields["ipv4.ecn"].ValueIn(frame), Is.EqualTo((ulong)Ecn.Ect0));
            Assert.That(fields["payload"].BitWidth, Is.EqualTo(64));
            Assert.That(fields["icrc"].BitOffset, Is.EqualTo((frame.Length - 4) * 8));
        });
    }

    [Test]
    public void ExpectedPacket_DontCareField_IgnoresOnlyThatField()
    {
        byte[] frame = EswPackets.Tcp(EswTopology.HostA, EswTopology.RemoteHost, 1, 2, TcpFlags.Syn, 5, 0);
        byte[] otherId = [.. frame];
        otherId[18] ^= 0x5A;
        byte[] otherTtl = [.. frame];
        otherTtl[22] ^= 0x01;
        ExpectedPacket masked = ExpectedPacket.Of(frame).DontCare("ipv4.identification");
        Assert.Multiple(() =>
        {
            Assert.That(masked.Matches(otherId), Is.True);
            Assert.That(masked.Matches(otherTtl), Is.False);
            Assert.That(ExpectedPacket.Of(frame).Matches(otherId), Is.False);
            Assert.That(() => ExpectedPacket.Of(frame).DontCare("bth.psn"), Throws.ArgumentException.With.Message.Contains("tcp.seq_no"));
        });
    }

    [Test]
    public void PacketDiff_DifferentTtl_NamesTheField()
    {
        byte[] frame = EswPackets.Udp(EswTopology.HostA, EswTopology.RemoteHost.Ip, 1, 2, [1, 2, 3]);
        byte[] other = [.. frame];
        other[22] = 3;
        string diff = PacketDiff.Describe(frame, other);
        Assert.That(diff, Does.Contain("ipv4.ttl: expected 64, received 3"));
    }

    [Test]
    public void TcpBuilder_WithOptions_WritesThemAfterTheHeader()
    {
        byte[] mss = [2, 4, 0x05, 0xB4];
        byte[] frame = EswPackets.Tcp(EswTopology.HostA, EswTopology.RemoteHost, 1000, 80, TcpFlags.Syn, 7, 0, options: mss);
        Assert.That(TcpHeader.TryReadFrom(frame.AsSpan(34), out TcpHeader tcp), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(tcp.DataOffset, Is.EqualTo(6));
            Assert.That(frame.AsSpan(54, 4).ToArray(), Is.EqualTo(mss));
            Assert.That(frame, Has.Length.EqualTo(58));
        });
    }

    [Test]
    public void CnpCacheSlot_MatchesTheIndexAndTagLayoutOfTheRegister()
    {
        (uint index, ushort tag) = EswHashes.CacheSlot(IPv4Address.Parse("10.1.0.1"), 0x000102);
        Assert.That(index, Is.LessThan(1024u));
        // CRC-16/ARC check value of "123456789" (the catalogue's).
        Assert.That(EswHashes.Crc16Arc("123456789"u8), Is.EqualTo(0xBB3D));
        Assert.That(tag, Is.Not.Zero);
    }

    [Test]
    public void Algorithm1Model_FirstCnps_RaiseLoopNumAsThePaperDefines()
    {
        var model = new Algorithm1Model(5);
        var loops = new List<int>();
        for (int i = 0; i < 10; i++)
        {
            model.OnCnp();
            loops.Add(model.LoopNum);
        }

        // cnp_num 1: 1 % 5 == 1 → loop 1, alpha 6; cnp_num 7: 7 % 6 == 1 → 2, alpha 7; 8 % 7 == 1 → 3 ...
        Assert.That(loops, Is.EqualTo(new[] { 1, 1, 1, 1, 1, 1, 2, 3, 4, 5 }));
    }

    [GeneratedRegex(@"const bit<32> EV_([A-Z0-9_]+)\s*=\s*(\d+);")]
    private static partial Regex EventConstant();
}
