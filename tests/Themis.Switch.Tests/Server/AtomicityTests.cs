using Google.Rpc;
using Grpc.Core;
using Themis.Switch.Runtime.Tables;
using V1 = P4.V1;
using Atomicity = P4.V1.WriteRequest.Types.Atomicity;
using UpdateType = P4.V1.Update.Types.Type;

namespace Themis.Switch.Tests.Server;

/// <summary>ROLLBACK_ON_ERROR and DATAPLANE_ATOMIC batches (spec mode), and their refusal in strict mode.</summary>
[Category("Integration")]
public sealed class AtomicityTests
{
    private static readonly Atomicity[] AllOrNothing = [Atomicity.RollbackOnError, Atomicity.DataplaneAtomic];

    [TestCaseSource(nameof(AllOrNothing))]
    public async Task Write_AllOrNothingWithFailingUpdate_ChangesNothingAndReportsEveryUpdate(Atomicity atomicity)
    {
        await using WriteClient s = await WriteClient.StartAsync();
        await s.WriteAsync(Atomicity.ContinueOnError, WriteClient.Route(UpdateType.Insert, 1, 5), WriteClient.Register(1, 7), WriteClient.Counter(2, 3));

        var e = Assert.ThrowsAsync<RpcException>(async () => await s.WriteAsync(
            atomicity,
            WriteClient.Route(UpdateType.Modify, 1, 9),
            WriteClient.Route(UpdateType.Insert, 2, 6),
            WriteClient.Register(1, 42),
            WriteClient.Counter(2, 50),
            WriteClient.Group(UpdateType.Insert, 10, 1, 2),
            WriteClient.Digest(UpdateType.Insert),
            WriteClient.Route(UpdateType.Insert, 1, 4),
            WriteClient.Route(UpdateType.Insert, 3, 4)));

        Assert.That(e!.StatusCode, Is.EqualTo(StatusCode.Unknown));
        List<V1.Error> errors = WriteClient.Errors(e);
        Assert.That(errors.Select(x => (Code)x.CanonicalCode), Is.EqualTo(new[] { Code.Aborted, Code.Aborted, Code.Aborted, Code.Aborted, Code.Aborted, Code.Aborted, Code.AlreadyExists, Code.Aborted }), "one error per update: the failing one's own code, ABORTED for those undone or not attempted");
        Assert.That(errors[0].Message, Does.Contain("Rolled back"));
        Assert.That(errors[7].Message, Does.Contain("Not attempted"));
        Assert.That(e.Status.Detail, Does.Contain("already exists"), "the summary names the update that failed");

        var routes = await s.ReadAsync(new V1.Entity { TableEntry = new V1.TableEntry { TableId = TestP4Info.Exact } });
        Assert.That(routes, Has.Count.EqualTo(1));
        Assert.That(routes[0].TableEntry.Action.Action.Params[0].Value.ToByteArray(), Is.EqualTo(new byte[] { 5 }), "the MODIFY was undone");
        var register = await s.ReadAsync(new V1.Entity { RegisterEntry = new V1.RegisterEntry { RegisterId = TestP4Info.Register, Index = new V1.Index { Index_ = 1 } } });
        Assert.That(register[0].RegisterEntry.Data.Bitstring.ToByteArray(), Is.EqualTo(new byte[] { 7 }));
        var counter = await s.ReadAsync(new V1.Entity { CounterEntry = new V1.CounterEntry { CounterId = TestP4Info.Counter, Index = new V1.Index { Index_ = 2 } } });
        Assert.That(counter[0].CounterEntry.Data.PacketCount, Is.EqualTo(3));
        Assert.That(s.Host.Switch.Replication.Groups, Is.Empty);
        Assert.That(await s.ReadAsync(new V1.Entity { DigestEntry = new V1.DigestEntry() }), Is.Empty);
    }

    [TestCaseSource(nameof(AllOrNothing))]
    public async Task Write_AllOrNothingUndoingDelete_RestoresTheSameEntryWithItsCounter(Atomicity atomicity)
    {
        await using WriteClient s = await WriteClient.StartAsync();
        await s.WriteAsync(Atomicity.ContinueOnError, WriteClient.Route(UpdateType.Insert, 1, 5), WriteClient.Route(UpdateType.Insert, 2, 6));
        P4Table table = s.Host.Switch.State!.Tables[TestP4Info.Exact];
        TableEntryRecord before = table.Entries()[0];

        var e = Assert.ThrowsAsync<RpcException>(async () => await s.WriteAsync(
            atomicity,
            WriteClient.Route(UpdateType.Delete, 1, 0),
            WriteClient.Route(UpdateType.Delete, 2, 0),
            WriteClient.Route(UpdateType.Delete, 3, 0)));

        Assert.That(WriteClient.Errors(e!).Select(x => (Code)x.CanonicalCode), Is.EqualTo(new[] { Code.Aborted, Code.Aborted, Code.NotFound }));
        IReadOnlyList<TableEntryRecord> after = table.Entries();
        Assert.That(after, Has.Count.EqualTo(2));
        Assert.That(after[0], Is.SameAs(before), "the deleted record itself comes back, in its old place");
    }

    [TestCaseSource(nameof(AllOrNothing))]
    public async Task Write_AllOrNothingAllValid_AppliesEveryUpdate(Atomicity atomicity)
    {
        await using WriteClient s = await WriteClient.StartAsync();

        await s.WriteAsync(atomicity, WriteClient.Route(UpdateType.Insert, 1, 5), WriteClient.Route(UpdateType.Insert, 2, 6), WriteClient.Group(UpdateType.Insert, 10, 1), WriteClient.Register(0, 9));

        Assert.That(s.Host.Switch.State!.Tables[TestP4Info.Exact].Count, Is.EqualTo(2));
        Assert.That(s.Host.Switch.Replication.Groups, Has.Count.EqualTo(1));
        Assert.That(s.Host.Switch.State.Registers[TestP4Info.Register].Read(0), Is.EqualTo(9));
    }

    [Test]
    public async Task Write_RollbackWhenTableFullMidBatch_ReportsResourceExhaustedAndKeepsOldEntries()
    {
        await using WriteClient s = await WriteClient.StartAsync();
        await s.WriteAsync(Atomicity.ContinueOnError, WriteClient.Route(UpdateType.Insert, 1, 5), WriteClient.Route(UpdateType.Insert, 2, 5));

        var e = Assert.ThrowsAsync<RpcException>(async () => await s.WriteAsync(
            Atomicity.RollbackOnError,
            WriteClient.Route(UpdateType.Insert, 3, 5),
            WriteClient.Route(UpdateType.Insert, 4, 5),
            WriteClient.Route(UpdateType.Insert, 5, 5)));

        Assert.That(WriteClient.Errors(e!).Select(x => (Code)x.CanonicalCode), Is.EqualTo(new[] { Code.Aborted, Code.Aborted, Code.ResourceExhausted }), "the table holds 4 entries");
        Assert.That(s.Host.Switch.State!.Tables[TestP4Info.Exact].Entries().Select(x => x.Matches[0].Value[3]), Is.EqualTo(new byte[] { 1, 2 }));
    }

    [TestCaseSource(nameof(AllOrNothing))]
    public async Task Write_AtomicModeInStrictMode_IsUnimplementedAndChangesNothing(Atomicity atomicity)
    {
        await using WriteClient s = await WriteClient.StartAsync(strict: true);

        var e = Assert.ThrowsAsync<RpcException>(async () => await s.WriteAsync(atomicity, WriteClient.Route(UpdateType.Insert, 1, 5)));

        Assert.That(e!.StatusCode, Is.EqualTo(StatusCode.Unimplemented));
        Assert.That(e.Status.Detail, Is.EqualTo("Support for atomic write modes has not been implemented yet"));
        Assert.That(s.Host.Switch.State!.Tables[TestP4Info.Exact].Count, Is.Zero);
    }

    [Test]
    public async Task Write_UnknownAtomicity_IsInvalidArgument()
    {
        await using WriteClient s = await WriteClient.StartAsync();

        var e = Assert.ThrowsAsync<RpcException>(async () => await s.WriteAsync((Atomicity)9, WriteClient.Route(UpdateType.Insert, 1, 5)));

        Assert.That(e!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(s.Host.Switch.State!.Tables[TestP4Info.Exact].Count, Is.Zero);
    }
}
