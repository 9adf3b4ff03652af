using Google.Protobuf;
using Themis.Switch.Server;
using V1 = P4.V1;

namespace Themis.Switch.Tests.Server;

/// <summary>
/// A stream's outbound queue and writer task, against a recording sink: order under a burst, the packet-in bound
/// (drops counted, nothing lost below it), control messages never dropped, flushes only at the end of a burst.
/// </summary>
public sealed class StreamConnectionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static readonly PacketIoCodec Codec = new(TestP4Info.Build());

    // What the reflector program punts: the 2-byte packet_in header (ingress port 1), then a 4-byte sequence number.
    private static byte[] Punt(int sequence) => [0x00, 0x80, (byte)(sequence >> 24), (byte)(sequence >> 16), (byte)(sequence >> 8), (byte)sequence];

    private static int Sequence(V1.StreamMessageResponse message)
    {
        byte[] payload = message.Packet.Payload.ToByteArray();
        return (payload[0] << 24) | (payload[1] << 16) | (payload[2] << 8) | payload[3];
    }

    private static V1.StreamMessageResponse Digest(ulong listId) => new() { Digest = new V1.DigestList { DigestId = 1, ListId = listId } };

    private static async Task DrainAsync(StreamConnection connection, RecordingSink sink)
    {
        connection.Complete();
        await connection.RunWriterAsync(sink, CancellationToken.None).WaitAsync(Timeout);
    }

    [Test]
    public async Task RunWriter_BurstBelowBound_AllWrittenInOrderFlushedAtTheEnd()
    {
        const int burst = 1000;
        var connection = new StreamConnection(1, packetInCapacity: burst);
        var sink = new RecordingSink();
        for (int i = 0; i < burst; i++)
        {
            Assert.That(connection.TryEnqueuePacketIn(Punt(i), Codec), Is.EqualTo(PacketInOutcome.Queued));
        }

        await DrainAsync(connection, sink);

        Assert.That(sink.Writes.Select(w => Sequence(w.Message)), Is.EqualTo(Enumerable.Range(0, burst)), "every packet-in, in punt order");
        Assert.That(connection.PacketInDrops, Is.Zero);
        Assert.That(connection.QueuedPacketIns, Is.Zero);
        Assert.That(sink.Writes[^1].Flush, Is.True, "the last message of a burst is flushed");
        Assert.That(sink.Writes.Count(w => w.Flush), Is.LessThanOrEqualTo((burst / StreamConnection.MaxWritesPerFlush) + 1), "a burst is not flushed message by message");
        Assert.That(sink.Writes[0].Message.Packet.Metadata.Single(m => m.MetadataId == 1).Value.ToByteArray(), Is.EqualTo(new byte[] { 1 }), "metadata decoded as PI does");
    }

    [Test]
    public async Task TryEnqueuePacketIn_QueueFullWhileWriterBusy_DropsCountedAndQueuedOnesAllWritten()
    {
        const int capacity = 8;
        var connection = new StreamConnection(1, capacity);
        var sink = new RecordingSink { Hold = true };
        Task writer = connection.RunWriterAsync(sink, CancellationToken.None);

        // The writer takes the first packet-in and is stuck writing it (a slow client).
        Assert.That(connection.TryEnqueuePacketIn(Punt(0), Codec), Is.EqualTo(PacketInOutcome.Queued));
        await sink.Entered.WaitAsync(Timeout);

        var outcomes = Enumerable.Range(1, capacity + 3).Select(i => connection.TryEnqueuePacketIn(Punt(i), Codec)).ToList();

        Assert.That(outcomes.Take(capacity), Is.All.EqualTo(PacketInOutcome.Queued));
        Assert.That(outcomes.Skip(capacity), Is.All.EqualTo(PacketInOutcome.QueueFull));
        Assert.That(connection.PacketInDrops, Is.EqualTo(3));
        Assert.That(connection.QueuedPacketIns, Is.EqualTo(capacity));

        sink.Release();
        connection.Complete();
        await writer.WaitAsync(Timeout);
        Assert.That(sink.Writes.Select(w => Sequence(w.Message)), Is.EqualTo(Enumerable.Range(0, capacity + 1)), "the held one and every queued one, in order; the newest were dropped");
    }

    [Test]
    public async Task Enqueue_ControlMessagesBeyondPacketInBound_NeverDroppedAndOrderKept()
    {
        var connection = new StreamConnection(1, packetInCapacity: 2);
        var sink = new RecordingSink();
        connection.Enqueue(Digest(1));
        Assert.That(connection.TryEnqueuePacketIn(Punt(1), Codec), Is.EqualTo(PacketInOutcome.Queued));
        connection.Enqueue(Digest(2));
        Assert.That(connection.TryEnqueuePacketIn(Punt(2), Codec), Is.EqualTo(PacketInOutcome.Queued));
        Assert.That(connection.TryEnqueuePacketIn(Punt(3), Codec), Is.EqualTo(PacketInOutcome.QueueFull));
        connection.Enqueue(Digest(3));

        await DrainAsync(connection, sink);

        string Describe(V1.StreamMessageResponse m) => m.Digest is not null ? $"d{m.Digest.ListId}" : $"p{Sequence(m)}";
        Assert.That(sink.Writes.Select(w => Describe(w.Message)), Is.EqualTo(new[] { "d1", "p1", "d2", "p2", "d3" }));
        Assert.That(connection.PacketInDrops, Is.EqualTo(1));
    }

    [Test]
    public async Task RunWriter_FrameShorterThanHeaderLast_SkippedAndEarlierMessageStillFlushed()
    {
        var connection = new StreamConnection(1, packetInCapacity: 16);
        var sink = new RecordingSink();
        connection.TryEnqueuePacketIn(Punt(7), Codec);
        connection.TryEnqueuePacketIn([0x00], Codec);

        await DrainAsync(connection, sink);

        Assert.That(sink.Writes, Has.Count.EqualTo(1), "PI drops CPU frames shorter than the packet_in header");
        Assert.That(Sequence(sink.Writes[0].Message), Is.EqualTo(7));
        Assert.That(sink.Writes[0].Flush, Is.True);
    }

    [Test]
    public async Task RunWriter_StreamBroken_EndsQuietlyAndLaterPacketInsAreNotCountedAsDrops()
    {
        var connection = new StreamConnection(1, packetInCapacity: 4);
        var sink = new RecordingSink { Failure = new IOException("connection reset") };
        connection.TryEnqueuePacketIn(Punt(1), Codec);

        await connection.RunWriterAsync(sink, CancellationToken.None).WaitAsync(Timeout);

        Assert.That(connection.TryEnqueuePacketIn(Punt(2), Codec), Is.EqualTo(PacketInOutcome.StreamClosed));
        Assert.That(connection.PacketInDrops, Is.Zero);
    }

    [Test]
    public void Constructor_CapacityBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new StreamConnection(1, 0));
    }

    [Test]
    public async Task RunWriter_MessageCarriesPayloadUnchanged()
    {
        var connection = new StreamConnection(1, packetInCapacity: 4);
        var sink = new RecordingSink();
        connection.TryEnqueuePacketIn([0x01, 0x00, 0xDE, 0xAD], Codec);

        await DrainAsync(connection, sink);

        Assert.That(sink.Writes.Single().Message.Packet.Payload, Is.EqualTo(ByteString.CopyFrom(0xDE, 0xAD)));
        Assert.That(sink.Writes.Single().Message.Packet.Metadata.Single(m => m.MetadataId == 1).Value.ToByteArray(), Is.EqualTo(new byte[] { 2 }), "9-bit port 2 from 0x01 0x00");
    }
}
