using System.Buffers.Binary;
using Themis.Esw.Tests.Support;
using Themis.Packets.IPv4;
using Themis.Packets.SwitchInternal;
using Themis.Packets.Tcp;
using static Themis.Esw.Tests.Support.EswTopology;

namespace Themis.Esw.Tests.Robustness;

/// <summary>
/// Malformed packets of every header the ESW parses: each becomes a parser error (or a failed check), is dropped and
/// counted by reason, and the switch keeps forwarding good packets.
/// </summary>
[TestFixture(Target.Embedded)]
[TestFixture(Target.Remote, Category = "Bmv2")]
public sealed class MalformedPacketTests(Target target) : EswTestBase(target)
{
    public sealed record Case(string Name, Func<byte[]> Build, EswEvent Counted, uint Port = DcPortA)
    {
        public override string ToString() => Name;
    }

    private static byte[] GoodUdp() => EswPackets.Udp(HostA, RemoteHost.Ip, 5000, 6000, EswPackets.Pattern(32));

    private static byte[] RoceData() => EswPackets.RoceData(HostA, RemoteHost, 0x42, 1, payloadBytes: 16);

    private static byte[] Edit(byte[] frame, Action<byte[]> edit, bool fixChecksum = true)
    {
        byte[] copy = [.. frame];
        edit(copy);
        return fixChecksum ? EswPackets.FixIpv4Checksum(copy) : copy;
    }

    private static void SetUdpLength(byte[] f, ushort length) => BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(14 + 20 + 4), length);

    private static void SetTotalLength(byte[] f, ushort length) => BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(14 + 2), length);

    public static IEnumerable<Case> Cases()
    {
        yield return new("runt Ethernet frame", () => GoodUdp()[..10], EswEvent.DropParseTooShort);
        yield return new("IPv4 header cut short", () => GoodUdp()[..(14 + 12)], EswEvent.DropParseTooShort);
        yield return new("IPv4 IHL 4", () => Edit(GoodUdp(), f => f[14] = 0x44), EswEvent.DropParseIpv4Ihl);
        yield return new("IPv4 total length below the header", () => Edit(GoodUdp(), f => SetTotalLength(f, 12)), EswEvent.DropParseIpv4TotalLen);
        yield return new("IPv4 header checksum wrong", () => Edit(GoodUdp(), f => f[14 + 10] ^= 0xFF, fixChecksum: false), EswEvent.DropIpv4Checksum);
        yield return new("UDP length below 8", () => Edit(GoodUdp(), f => SetUdpLength(f, 4)), EswEvent.DropParseUdpLength);
        yield return new("UDP length beyond the IPv4 packet", () => Edit(GoodUdp(), f => SetUdpLength(f, 200)), EswEvent.DropParseUdpLength);
        yield return new("TCP data offset 4", () => Edit(EswPackets.Tcp(HostA, RemoteHost, 1, 2, TcpFlags.Syn, 1, 0), f => f[14 + 20 + 12] = 0x40), EswEvent.DropParseTcpOffset);
        yield return new("TCP header cut short", () => EswPackets.FixIpv4Checksum(Edit(EswPackets.Tcp(HostA, RemoteHost, 1, 2, TcpFlags.Syn, 1, 0), f => SetTotalLength(f, 30))[..(14 + 30)]), EswEvent.DropParseTooShort);
        yield return new("BTH truncated (lengths claim more)", () => RoceData()[..(14 + 20 + 8 + 6)], EswEvent.DropParseTooShort);
        yield return new("UDP too short for BTH and ICRC", () => Edit(RoceData()[..(14 + 20 + 8 + 12)], f => { SetUdpLength(f, 20); SetTotalLength(f, 40); }), EswEvent.DropParseRoceTooShort);
        yield return new("not IPv4 (IPv6 EtherType)", () => Edit(GoodUdp(), f => f[12] = 0x86, fixChecksum: false), EswEvent.DropNotIpv4);
        yield return new("control header from the wire", () => ThemisFrames.BuildControlRequest(ControlOp.ClearCache, 0, 1), EswEvent.DropControlFromWire);
        yield return new("loop header from a DC port", () => ThemisFrames.WithLoopHeader(RoceData(), 3, 1), EswEvent.DropLoopFromWire);
        yield return new("loop header from the WAN", () => ThemisFrames.WithLoopHeader(RoceData(), 3, 1), EswEvent.DropLoopFromWire, WanPort);
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Malformed_DroppedCountedAndForwardingGoesOn(Case c)
    {
        ArgumentNullException.ThrowIfNull(c);
        byte[] frame = c.Build();
        if (Target == Target.Remote && frame.Length < 14)
        {
            Assert.Ignore("A Linux interface refuses to send a frame shorter than an Ethernet header (EINVAL), so this case exists only in memory.");
        }

        await SendPacketAsync(c.Port, frame);
        byte[] good = GoodUdp();
        await SendPacketAsync(DcPortA, good);

        await ExpectPacketAsync(WanPort, EswPackets.Routed(good, WanRouterMac));
        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((c.Counted, 1), (EswEvent.Routed, 1));
    }

    [Test]
    public async Task Ipv4Options_RoutedWithChecksumOverTheOptions()
    {
        // IHL 6: one 4-byte option word (NOP NOP NOP EOL), as parse_ipv4_options extracts it.
        byte[] plain = GoodUdp();
        byte[] withOptions = [.. plain.AsSpan(0, 34), 1, 1, 1, 0, .. plain.AsSpan(34)];
        withOptions[14] = 0x46;
        SetTotalLength(withOptions, (ushort)(withOptions.Length - 14));
        EswPackets.FixIpv4Checksum(withOptions);

        await SendPacketAsync(DcPortA, withOptions);

        await ExpectPacketAsync(WanPort, EswPackets.Routed(withOptions, WanRouterMac));
        await ExpectNoOtherPacketsAsync();
    }

    [Test]
    public async Task Garbage_RandomFrames_NeverForwardedToAHostByAccident()
    {
        var random = new Random(20250101);
        for (int i = 0; i < 50; i++)
        {
            byte[] frame = new byte[random.Next(14, 120)];
            random.NextBytes(frame);
            // Addressed like any host's frame (a veth drops some random MAC pairs before the switch sees them), with an
            // EtherType the ESW does not route, so each one must be a counted drop.
            SwitchMac.WriteTo(frame);
            HostA.Mac.WriteTo(frame.AsSpan(6));
            frame[12] = 0x12;

            await SendPacketAsync(DcPortA, frame);
            await Task.Delay(2, Ct);
        }

        byte[] good = GoodUdp();
        await SendPacketAsync(DcPortA, good);
        await ExpectPacketAsync(WanPort, EswPackets.Routed(good, WanRouterMac));
        await ExpectNoOtherPacketsAsync();
        Assert.That(await EventCountAsync(EswEvent.DropNotIpv4), Is.EqualTo(50), await EventSummaryAsync());
    }
}
