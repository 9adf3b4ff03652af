using Themis.Switch.Tests.Packets.Support;

namespace Themis.Switch.Tests.Packets;

/// <summary>
/// Parser semantics as BMv2 runs them: select with tuples/masks/ranges/lookahead, header stacks,
/// varbit, verify; a parser error leaves the packet going on into ingress with parser_error set, the
/// headers extracted before the error valid and the payload starting where the parser stopped.
/// </summary>
[Category("Packet")]
public sealed class ParserTests
{
    private static byte[] Report(byte code, byte path, byte labels = 0, byte options = 0) => [code, path, labels, options];

    private static async Task<ProgramHost> StartAsync() => await ProgramHost.StartAsync("parser_features.p4", [1, 2]);

    private static byte[] Ipv4Header(byte versionIhl, int optionBytes)
    {
        var h = new byte[20 + optionBytes];
        h[0] = versionIhl;
        h[8] = 64;
        h[9] = 17;
        for (int i = 20; i < h.Length; i++)
        {
            h[i] = (byte)i;
        }

        return h;
    }

    [Test]
    public async Task Parse_Ipv4WithOptions_ExtractsVarbitAndReportsNoError()
    {
        await using ProgramHost host = await StartAsync();
        byte[] frame = Frames.Ethernet(Frames.MacB, Frames.MacA, 0x0800, [.. Ipv4Header(0x46, 4), .. Frames.Pattern(6)]);
        host.Send(1, frame);
        await host.ExpectAsync((2, [.. Report(0, 1, 0, 4), .. frame]));
    }

    [Test]
    public async Task Parse_TruncatedIpv4_PacketTooShortWithPayloadFromEthernetEnd()
    {
        await using ProgramHost host = await StartAsync();
        byte[] frame = Frames.Ethernet(Frames.MacB, Frames.MacA, 0x0800, Frames.Pattern(10));
        host.Send(1, frame);
        await host.ExpectAsync((2, [.. Report(1, 0), .. frame]));
    }

    [Test]
    public async Task Parse_VerifyFails_ProgramErrorAndHeaderStaysValid()
    {
        await using ProgramHost host = await StartAsync();
        byte[] frame = Frames.Ethernet(Frames.MacB, Frames.MacA, 0x0800, [.. Ipv4Header(0x65, 0), .. Frames.Pattern(3)]);
        host.Send(1, frame);
        await host.ExpectAsync((2, [.. Report(5, 0), .. frame]));
    }

    [Test]
    public async Task Parse_VarbitLongerThanDeclared_HeaderTooShort()
    {
        await using ProgramHost host = await StartAsync();
        byte[] frame = Frames.Ethernet(Frames.MacB, Frames.MacA, 0x0800, [.. Ipv4Header(0x4f, 40), .. Frames.Pattern(2)]);
        host.Send(1, frame);
        await host.ExpectAsync((2, [.. Report(4, 1), .. frame]));
    }

    [TestCase((byte)0x05, (byte)2)]
    [TestCase((byte)0x0f, (byte)2)]
    [TestCase((byte)0x1a, (byte)3)]
    [TestCase((byte)0x20, (byte)0)]
    public async Task Parse_SelectOnTupleWithLookahead_PicksRangeMaskOrDefault(byte kind, byte path)
    {
        await using ProgramHost host = await StartAsync();
        byte[] frame = Frames.Ethernet(Frames.MacB, Frames.MacA, 0x88b5, [kind, 0x77, .. Frames.Pattern(4)]);
        host.Send(1, frame);
        await host.ExpectAsync((2, [.. Report(0, path), .. frame]));
    }

    [Test]
    public async Task Parse_LookaheadPastTheEnd_PacketTooShort()
    {
        await using ProgramHost host = await StartAsync();
        byte[] frame = Frames.Ethernet(Frames.MacB, Frames.MacA, 0x88b5, []);
        host.Send(1, frame);
        await host.ExpectAsync((2, [.. Report(1, 0), .. frame]));
    }

    [Test]
    public async Task Parse_MplsStack_CountsLabelsThenParsesIpv4()
    {
        await using ProgramHost host = await StartAsync();
        byte[] labels = [0x00, 0x01, 0x00, 0x40, 0x00, 0x02, 0x01, 0x40];
        byte[] frame = Frames.Ethernet(Frames.MacB, Frames.MacA, 0x8847, [.. labels, .. Ipv4Header(0x45, 0)]);
        host.Send(1, frame);
        await host.ExpectAsync((2, [.. Report(0, 1, 2), .. frame]));
    }

    [Test]
    public async Task Parse_MoreLabelsThanTheStack_StackOutOfBounds()
    {
        await using ProgramHost host = await StartAsync();
        byte[] label = [0x00, 0x01, 0x00, 0x40];
        byte[] frame = Frames.Ethernet(Frames.MacB, Frames.MacA, 0x8847, [.. label, .. label, .. label, .. label, .. Frames.Pattern(4)]);
        host.Send(1, frame);
        await host.ExpectAsync((2, [.. Report(3, 0, 3), .. frame]));
    }
}
