using System.Buffers.Binary;
using System.Text;
using Google.Protobuf;
using Themis.Switch.Tests.Packets.Support;
using V1 = P4.V1;

namespace Themis.Switch.Tests.Packets;

/// <summary>Ternary/range/exact tables with priorities, direct counters, registers, meters, hashes, truncate and digests.</summary>
[Category("Packet")]
public sealed class TablesAndExternsTests
{
    private const string Acl = "IngressImpl.acl";
    private static readonly byte[] CheckText = Encoding.ASCII.GetBytes("123456789");

    private static byte[] Frame(uint src, ushort dport, byte[]? srcMac = null) =>
        Frames.Ethernet(Frames.MacB, srcMac ?? Frames.MacA, 0x0800, Frames.Ipv4(src, 0x0a000063, 64, 17, Frames.Udp(5000, dport, [.. CheckText, .. Frames.Pattern(5)])));

    /// <summary>The result header the program puts in front, with hash values computed independently.</summary>
    private static byte[] Result(byte aclClass, byte color, uint count)
    {
        var r = new byte[30];
        r[0] = aclClass;
        r[1] = color;
        BinaryPrimitives.WriteUInt32BigEndian(r.AsSpan(2), count);
        BinaryPrimitives.WriteUInt32BigEndian(r.AsSpan(6), 0xCBF43926); // CRC-32 check value of "123456789"
        BinaryPrimitives.WriteUInt16BigEndian(r.AsSpan(10), 0xBB3D); // CRC-16/ARC check value
        BinaryPrimitives.WriteUInt16BigEndian(r.AsSpan(12), Frames.Checksum(CheckText));
        BinaryPrimitives.WriteUInt16BigEndian(r.AsSpan(14), 0x3132 ^ 0x3334 ^ 0x3536 ^ 0x3738 ^ 0x3900);
        BinaryPrimitives.WriteUInt64BigEndian(r.AsSpan(16), 0x3132333435363738);
        BinaryPrimitives.WriteUInt16BigEndian(r.AsSpan(24), 100 + (0xBB3D % 50));
        BinaryPrimitives.WriteUInt32BigEndian(r.AsSpan(26), 0x3637383A);
        return r;
    }

    private static byte[] B(params byte[] b) => b;

    private static async Task<ProgramHost> StartAsync()
    {
        ProgramHost host = await ProgramHost.StartAsync("tables_externs.p4", [1, 2, 3], viaGrpc: true);
        await host.WriteAsync(
            host.Entry(Acl, [ProgramHost.Ternary(1, B(10, 0, 0, 0), B(255, 0, 0, 0)), ProgramHost.Range(2, B(0x03, 0xe8), B(0x07, 0xd0)), ProgramHost.Exact(3, 17)], "IngressImpl.set_class", 10, [1]),
            host.Entry(Acl, [ProgramHost.Ternary(1, B(10, 0, 0, 1), B(255, 255, 255, 255)), ProgramHost.Exact(3, 17)], "IngressImpl.set_class", 20, [2]),
            host.Entry(Acl, [ProgramHost.Range(2, B(0x12, 0xb7), B(0x12, 0xb7)), ProgramHost.Exact(3, 17)], "IngressImpl.deny", 5));
        return host;
    }

    [Test]
    public async Task Acl_OverlappingEntries_HighestPriorityWinsAndMissRunsDefault()
    {
        await using ProgramHost host = await StartAsync();
        byte[] a = Frame(0x0a000002, 1500), b = Frame(0x0a000001, 1500), miss = Frame(0x0a000002, 3000), denied = Frame(0x0a000002, 4791);
        host.Send(1, a);
        host.Send(1, b);
        host.Send(1, miss);
        host.Send(1, denied);
        await host.ExpectAsync((2, [.. Result(1, 0, 1), .. a]), (2, [.. Result(2, 0, 2), .. b]), (2, [.. Result(0, 0, 3), .. miss]));

        var entries = host.Host.Switch.State!.Tables[host.TableId(Acl)].Entries();
        Assert.That(entries.Select(e => e.DirectCounter!.Packets), Is.EqualTo(new long[] { 1, 1, 1 }));
        Assert.That(entries[0].DirectCounter!.Bytes, Is.EqualTo(a.Length));
    }

    [Test]
    public async Task Register_CountsPacketsPerIngressPortAcrossPackets()
    {
        await using ProgramHost host = await StartAsync();
        byte[] f = Frame(0x0a000002, 3000);
        host.Send(1, f);
        host.Send(3, f);
        host.Send(1, f);
        await host.ExpectAsync((2, [.. Result(0, 0, 1), .. f]), (2, [.. Result(0, 0, 1), .. f]), (2, [.. Result(0, 0, 2), .. f]));
    }

    [Test]
    public async Task Meter_TwoRateThreeColor_GreenYellowThenRed()
    {
        await using ProgramHost host = await StartAsync();
        uint meterId = host.P4Info.Meters.Single().Preamble.Id;
        await host.WriteAsync(new V1.Update
        {
            Type = V1.Update.Types.Type.Modify,
            Entity = new V1.Entity { MeterEntry = new V1.MeterEntry { MeterId = meterId, Index = new V1.Index { Index_ = 0 }, Config = new V1.MeterConfig { Cir = 1, Cburst = 1, Pir = 2, Pburst = 2 } } },
        });
        byte[] f = Frame(0x0a000002, 3000);
        for (int i = 0; i < 4; i++)
        {
            host.Send(1, f);
        }

        await host.ExpectAsync((2, [.. Result(0, 0, 1), .. f]), (2, [.. Result(0, 1, 2), .. f]), (2, [.. Result(0, 2, 3), .. f]), (2, [.. Result(0, 2, 4), .. f]));
    }

    [Test]
    public async Task Truncate_OutputCutToRequestedLength()
    {
        await using ProgramHost host = await StartAsync();
        byte[] f = Frame(0x0a000002, 9);
        host.Send(1, f);
        await host.ExpectAsync((2, ((byte[])[.. Result(0, 0, 1), .. f])[..20]));
    }

    [Test]
    public async Task Digest_AfterDigestEntryInsert_ClientReceivesLearnedSource()
    {
        await using ProgramHost host = await StartAsync();
        using var stream = await host.BecomePrimaryAsync();
        uint digestId = host.P4Info.Digests.Single().Preamble.Id;
        await host.WriteAsync(new V1.Update
        {
            Type = V1.Update.Types.Type.Insert,
            Entity = new V1.Entity { DigestEntry = new V1.DigestEntry { DigestId = digestId, Config = new V1.DigestEntry.Types.Config { MaxListSize = 1, MaxTimeoutNs = 0, AckTimeoutNs = 1_000_000_000 } } },
        });
        byte[] f = Frame(0x0a000002, 3000, [0x02, 0, 0, 0, 0, 0x42]);
        host.Send(3, f);
        V1.StreamMessageResponse message = await ProgramHost.NextAsync(stream, r => r.Digest is not null);
        Assert.That(message.Digest.DigestId, Is.EqualTo(digestId));
        V1.P4StructLike learned = message.Digest.Data.Single().Struct;
        Assert.That(learned.Members.Select(m => m.Bitstring), Is.EqualTo(new[] { ByteString.CopyFrom(2, 0, 0, 0, 0, 0x42), ByteString.CopyFrom(3) }));
        await host.ExpectAsync((2, [.. Result(0, 0, 1), .. f]));
    }
}
