using Google.Rpc;
using Grpc.Core;
using P4.Config.V1;
using V1 = P4.V1;
using Atomicity = P4.V1.WriteRequest.Types.Atomicity;
using PipelineAction = P4.V1.SetForwardingPipelineConfigRequest.Types.Action;
using UpdateType = P4.V1.Update.Types.Type;

namespace Themis.Switch.Tests.Server;

/// <summary>RECONCILE_AND_COMMIT keeps the state of entities the old and new program share.</summary>
[Category("Integration")]
public sealed class ReconcileTests
{
    private static async Task<WriteClient> StartWithStateAsync(bool strict = false)
    {
        WriteClient s = await WriteClient.StartAsync(strict);
        await s.WriteAsync(Atomicity.ContinueOnError, WriteClient.Route(UpdateType.Insert, 1, 5), WriteClient.Route(UpdateType.Insert, 2, 6), WriteClient.Counter(3, 11), WriteClient.Group(UpdateType.Insert, 10, 1, 2), WriteClient.Digest(UpdateType.Insert));
        if (!strict)
        {
            await s.WriteAsync(Atomicity.ContinueOnError, WriteClient.Register(2, 77));
        }

        return s;
    }

    [Test]
    public async Task Reconcile_ProgramWithSharedAndNewEntities_KeepsSharedStateAndStartsNewOnesEmpty()
    {
        await using WriteClient s = await StartWithStateAsync();
        P4Info next = TestP4Info.Build(exactSize: 8);
        next.Tables.Add(new Table
        {
            Preamble = new Preamble { Id = 0x02000003, Name = "MyIngress.new_t" },
            MatchFields = { new MatchField { Id = 1, Name = "k", Bitwidth = 8, MatchType = MatchField.Types.MatchType.Exact } },
            ActionRefs = { new ActionRef { Id = TestP4Info.Drop } },
            Size = 4,
        });

        await s.SetPipelineAsync(PipelineAction.ReconcileAndCommit, next);

        Assert.That(s.Host.Switch.State!.Definition.P4Info.Tables, Has.Count.EqualTo(3), "the new pipeline is live");
        var routes = await s.ReadAsync(new V1.Entity { TableEntry = new V1.TableEntry { TableId = TestP4Info.Exact } });
        Assert.That(routes.Select(r => r.TableEntry.Action.Action.Params[0].Value.ToByteArray()[0]), Is.EqualTo(new byte[] { 5, 6 }));
        Assert.That(s.Host.Switch.State.Tables[0x02000003].Count, Is.Zero);
        Assert.That(s.Host.Switch.State.Counters[TestP4Info.Counter][3].Packets, Is.EqualTo(11));
        Assert.That(s.Host.Switch.State.Registers[TestP4Info.Register].Read(2), Is.EqualTo(77));
        Assert.That(s.Host.Switch.Replication.Groups, Has.Count.EqualTo(1), "PRE state is not part of the program and stays");
        Assert.That(await s.ReadAsync(new V1.Entity { DigestEntry = new V1.DigestEntry() }), Has.Count.EqualTo(1));
        await s.WriteAsync(Atomicity.ContinueOnError, WriteClient.Route(UpdateType.Insert, 3, 7), WriteClient.Route(UpdateType.Insert, 4, 7), WriteClient.Route(UpdateType.Insert, 5, 7));
        Assert.That(s.Host.Switch.State.Tables[TestP4Info.Exact].Count, Is.EqualTo(5), "the new size (8) applies");
    }

    [Test]
    public async Task Reconcile_TableRenamed_DropsTheOldTablesEntries()
    {
        await using WriteClient s = await StartWithStateAsync();
        P4Info next = TestP4Info.Build();
        next.Tables.Single(t => t.Preamble.Id == TestP4Info.Exact).Preamble.Name = "MyIngress.other_t";

        await s.SetPipelineAsync(PipelineAction.ReconcileAndCommit, next);

        Assert.That(s.Host.Switch.State!.Tables[TestP4Info.Exact].Count, Is.Zero, "same id, different name: a different table");
        Assert.That(s.Host.Switch.State.Counters[TestP4Info.Counter][3].Packets, Is.EqualTo(11));
    }

    [Test]
    public async Task Reconcile_EntriesDoNotFitTheNewTable_IsInvalidArgumentAndTheOldPipelineStays()
    {
        await using WriteClient s = await StartWithStateAsync();
        var before = s.Host.Switch.State;
        P4Info next = TestP4Info.Build(exactSize: 1);

        var e = Assert.ThrowsAsync<RpcException>(async () => await s.SetPipelineAsync(PipelineAction.ReconcileAndCommit, next));

        Assert.That(e!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(e.Status.Detail, Does.Contain("table 'MyIngress.exact_t'").And.Contain("full"));
        Assert.That(s.Host.Switch.State, Is.SameAs(before));
        Assert.That(s.Host.Switch.State!.Tables[TestP4Info.Exact].Count, Is.EqualTo(2));
        Assert.That(s.Host.Switch.Replication.Groups, Has.Count.EqualTo(1));
        Assert.That(await s.ReadAsync(new V1.Entity { DigestEntry = new V1.DigestEntry() }), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Reconcile_ActionParameterWidthChanged_IsInvalidArgumentNamingTheTable()
    {
        await using WriteClient s = await StartWithStateAsync();
        P4Info next = TestP4Info.Build();
        next.Actions.Single(a => a.Preamble.Id == TestP4Info.Forward).Params[0].Bitwidth = 2;

        var e = Assert.ThrowsAsync<RpcException>(async () => await s.SetPipelineAsync(PipelineAction.ReconcileAndCommit, next));

        Assert.That(e!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(e.Status.Detail, Does.Contain("MyIngress.exact_t"));
        Assert.That(s.Host.Switch.State!.Definition.P4Info.Actions.Single(a => a.Preamble.Id == TestP4Info.Forward).Params[0].Bitwidth, Is.EqualTo(9));
    }

    [Test]
    public async Task Reconcile_StrictModeFailure_IsUnknownAsPi()
    {
        await using WriteClient s = await StartWithStateAsync(strict: true);

        var e = Assert.ThrowsAsync<RpcException>(async () => await s.SetPipelineAsync(PipelineAction.ReconcileAndCommit, TestP4Info.Build(exactSize: 1)));

        Assert.That(e!.StatusCode, Is.EqualTo(StatusCode.Unknown));
        Assert.That(e.Status.Detail, Is.EqualTo("Error when reconciling config"));
        Assert.That(s.Host.Switch.State!.Tables[TestP4Info.Exact].Count, Is.EqualTo(2));
    }

    [Test]
    public async Task VerifyAndCommit_AfterState_StartsEmpty()
    {
        await using WriteClient s = await StartWithStateAsync();

        await s.SetPipelineAsync(PipelineAction.VerifyAndCommit, TestP4Info.Build());

        Assert.That(s.Host.Switch.State!.Tables[TestP4Info.Exact].Count, Is.Zero);
        Assert.That(s.Host.Switch.Replication.Groups, Is.Empty);
    }
}
