using Google.Protobuf;
using Themis.Switch.Tests.Packets.Support;
using V1 = P4.V1;

namespace Themis.Switch.Tests.Packets;

/// <summary>
/// Digest lists over the stream channel (P4Runtime DigestEntry semantics): max_list_size, max_timeout_ns,
/// no re-send of data still waiting for an ack, re-send after the ack. tables_externs.p4 digests the
/// source MAC and ingress port of every frame from an unknown source.
/// </summary>
[Category("Packet")]
public sealed class DigestTests
{
    private static byte[] From(byte mac) =>
        Frames.Ethernet(Frames.MacB, [0x02, 0, 0, 0, 0, mac], 0x0800, Frames.Ipv4(0x0a000002, 0x0a000063, 64, 17, Frames.Udp(5000, 3000, Frames.Pattern(8))));

    private static async Task<(ProgramHost Host, Grpc.Core.AsyncDuplexStreamingCall<V1.StreamMessageRequest, V1.StreamMessageResponse> Stream, uint DigestId)> StartAsync(int maxListSize, long maxTimeoutNs)
    {
        ProgramHost host = await ProgramHost.StartAsync("tables_externs.p4", [1, 2, 3], viaGrpc: true);
        var stream = await host.BecomePrimaryAsync();
        uint digestId = host.P4Info.Digests.Single().Preamble.Id;
        await host.WriteAsync(new V1.Update
        {
            Type = V1.Update.Types.Type.Insert,
            Entity = new V1.Entity { DigestEntry = new V1.DigestEntry { DigestId = digestId, Config = new V1.DigestEntry.Types.Config { MaxListSize = maxListSize, MaxTimeoutNs = maxTimeoutNs, AckTimeoutNs = 600_000_000_000 } } },
        });
        return (host, stream, digestId);
    }

    private static byte[] Macs(V1.DigestList list) => [.. list.Data.Select(d => d.Struct.Members[0].Bitstring[5]).Order()];

    [Test]
    public async Task DigestList_FullListDuplicatesAndAck_BatchedSuppressedUntilAckedThenSentAgain()
    {
        (ProgramHost host, var stream, uint digestId) = await StartAsync(maxListSize: 3, maxTimeoutNs: 600_000_000_000);
        await using (host)
        {
            using (stream)
            {
                foreach (byte mac in new byte[] { 1, 2, 3 })
                {
                    host.Send(1, From(mac));
                }

                V1.DigestList first = (await ProgramHost.NextAsync(stream, r => r.Digest is not null)).Digest;
                Assert.That(first.DigestId, Is.EqualTo(digestId));
                Assert.That(Macs(first), Is.EqualTo(new byte[] { 1, 2, 3 }), "three distinct samples fill a list of max_list_size 3");

                // 1-3 are unacked, so they are not reported again; 4-6 make the next list.
                foreach (byte mac in new byte[] { 1, 4, 2, 5, 3, 6 })
                {
                    host.Send(1, From(mac));
                }

                V1.DigestList second = (await ProgramHost.NextAsync(stream, r => r.Digest is not null)).Digest;
                Assert.That(Macs(second), Is.EqualTo(new byte[] { 4, 5, 6 }));
                Assert.That(second.ListId, Is.Not.EqualTo(first.ListId));

                // From here one sample per list, so every frame of a fresh source produces a list to wait for.
                await host.WriteAsync(new V1.Update
                {
                    Type = V1.Update.Types.Type.Modify,
                    Entity = new V1.Entity { DigestEntry = new V1.DigestEntry { DigestId = digestId, Config = new V1.DigestEntry.Types.Config { MaxListSize = 1, AckTimeoutNs = 600_000_000_000 } } },
                });
                await stream.RequestStream.WriteAsync(new V1.StreamMessageRequest { DigestAck = new V1.DigestListAck { DigestId = digestId, ListId = first.ListId } });

                // The ack is handled asynchronously: send source 1 (acked) and 4 (still unacked), then a fresh source as a fence,
                // until source 1 is reported again. Source 4 must never be, its list was not acked.
                var seen = new List<byte>();
                for (byte fence = 100; fence < 150 && !seen.Contains(1); fence++)
                {
                    host.Send(1, From(4));
                    host.Send(1, From(1));
                    host.Send(1, From(fence));
                    byte[] macs;
                    do
                    {
                        macs = Macs((await ProgramHost.NextAsync(stream, r => r.Digest is not null)).Digest);
                        seen.AddRange(macs);
                    }
                    while (!macs.Contains(fence));
                }

                Assert.That(seen, Does.Contain((byte)1), "acked data is reported again");
                Assert.That(seen, Does.Not.Contain((byte)4), "unacked data is not reported again");
            }
        }
    }

    [Test]
    public async Task DigestList_MaxTimeoutBeforeListFull_PartialListIsSent()
    {
        (ProgramHost host, var stream, _) = await StartAsync(maxListSize: 100, maxTimeoutNs: 50_000_000);
        await using (host)
        {
            using (stream)
            {
                host.Send(1, From(7));

                V1.DigestList list = (await ProgramHost.NextAsync(stream, r => r.Digest is not null)).Digest;

                Assert.That(list.Data, Has.Count.EqualTo(1));
                Assert.That(list.Data[0].Struct.Members[0].Bitstring, Is.EqualTo(ByteString.CopyFrom(0x02, 0, 0, 0, 0, 7)));
                Assert.That(list.Data[0].Struct.Members[1].Bitstring, Is.EqualTo(ByteString.CopyFrom(1)), "ingress_port");
            }
        }
    }
}
