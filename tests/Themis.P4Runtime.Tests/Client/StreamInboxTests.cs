using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using P4.V1;
using Themis.P4Runtime.Client.Internal;

namespace Themis.P4Runtime.Tests.Client;

public sealed class StreamInboxTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Test]
    public void TryDispatch_RoutesEachKindToItsQueue()
    {
        var inbox = new StreamInbox(8, NullLogger.Instance);

        Assert.That(inbox.TryDispatch(new StreamMessageResponse { Packet = new PacketIn() }), Is.True);
        Assert.That(inbox.TryDispatch(new StreamMessageResponse { Digest = new DigestList { DigestId = 3, ListId = 9 } }), Is.True);
        Assert.That(inbox.TryDispatch(new StreamMessageResponse { IdleTimeoutNotification = new IdleTimeoutNotification() }), Is.True);
        Assert.That(inbox.TryDispatch(new StreamMessageResponse { Error = new StreamError { CanonicalCode = 3 } }), Is.True);
        Assert.That(inbox.TryDispatch(new StreamMessageResponse { Arbitration = new MasterArbitrationUpdate() }), Is.False);

        Assert.That(inbox.PacketIns.Received, Is.EqualTo(1));
        Assert.That(inbox.DigestLists.Reader.TryRead(out DigestList? digest) ? digest.ListId : 0UL, Is.EqualTo(9UL));
        Assert.That(inbox.IdleTimeouts.Received, Is.EqualTo(1));
        Assert.That(inbox.StreamErrors.Received, Is.EqualTo(1));
    }

    [Test]
    public void Add_QueueFull_DropsTheOldestAndCountsIt()
    {
        var drops = new List<long>();
        var queue = new DropOldestQueue<PacketIn>(3, drops.Add);

        for (byte i = 1; i <= 5; i++)
        {
            queue.Add(new PacketIn { Payload = ByteString.CopyFrom(i) });
        }

        var kept = new List<byte>();
        while (queue.Reader.TryRead(out PacketIn? packet))
        {
            kept.Add(packet.Payload[0]);
        }

        Assert.That(kept, Is.EqualTo(new byte[] { 3, 4, 5 }), "the newest messages are kept");
        Assert.That(queue.Received, Is.EqualTo(5));
        Assert.That(queue.Dropped, Is.EqualTo(2));
        Assert.That(drops, Is.EqualTo(new long[] { 1, 2 }));
    }

    [Test]
    public async Task Complete_EndsReadersAfterTheQueuedMessages()
    {
        var inbox = new StreamInbox(8, NullLogger.Instance);
        inbox.TryDispatch(new StreamMessageResponse { Packet = new PacketIn { Payload = ByteString.CopyFromUtf8("x") } });
        inbox.Complete();
        using var cts = new CancellationTokenSource(Timeout);

        int count = 0;
        await foreach (PacketIn packet in inbox.PacketIns.Reader.ReadAllAsync(cts.Token))
        {
            count++;
        }

        Assert.That(count, Is.EqualTo(1));
        Assert.That(inbox.PacketIns.Add(new PacketIn()), Is.False, "nothing is queued after completion");
    }
}
