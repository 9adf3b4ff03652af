using Themis.Switch.Tests.Packets.Support;

namespace Themis.Switch.Tests.Packets;

/// <summary>P4 expression semantics, checked against results computed here with C# arithmetic.</summary>
[Category("Packet")]
public sealed class ExpressionTests
{
    /// <summary>The out header the program should produce for operands a, b, c and op.</summary>
    private static byte[] Expected(byte a, byte b, sbyte c, byte op)
    {
        int sat = Math.Clamp(c + 100, -128, 127);
        ushort sext = (ushort)(short)c;
        ushort sliced = (ushort)(0xF00F | (b << 4));
        return
        [
            (byte)(a + b), (byte)(a - b), (byte)(a * b), (byte)Math.Min(255, a + b), (byte)Math.Max(0, a - b),
            (byte)(sbyte)sat, (byte)(sbyte)(c >> 2), (byte)(a << 3), (byte)(a & 0xF0), (byte)(((a & 0xF) << 4) | (b & 0xF)),
            (byte)(sext >> 8), (byte)sext, c < 0 ? (byte)1 : (byte)0, Math.Max(a, b),
            op switch { 1 => 10, 2 or 3 => 20, _ => 30 }, op == 1 ? (byte)1 : (byte)0,
            (byte)(sliced >> 8), (byte)sliced, (byte)~a, (byte)((a / 7) + (a % 7)),
        ];
    }

    [TestCase((byte)200, (byte)100, (sbyte)-100, (byte)1)]
    [TestCase((byte)3, (byte)9, (sbyte)50, (byte)2)]
    [TestCase((byte)0x9c, (byte)0x5a, (sbyte)-1, (byte)3)]
    [TestCase((byte)0, (byte)255, (sbyte)-128, (byte)7)]
    [TestCase((byte)255, (byte)1, (sbyte)127, (byte)0)]
    public async Task Evaluate_Operands_MatchReferenceArithmetic(byte a, byte b, sbyte c, byte op)
    {
        await using ProgramHost host = await ProgramHost.StartAsync("expressions.p4", [1, 2]);
        byte[] input = [a, b, (byte)c, op, 0xee];
        host.Send(1, input);
        await host.ExpectAsync((2, [.. Expected(a, b, c, op), .. input]));
    }

    [Test]
    public async Task Exit_AfterMarkToDrop_SkipsTheRestAndDrops()
    {
        await using ProgramHost host = await ProgramHost.StartAsync("expressions.p4", [1, 2]);
        host.Send(1, [1, 2, 3, 0xff]);
        await host.ExpectAsync();
        Assert.That(host.Traces.Single().Events, Does.Contain("exit"));
    }
}
