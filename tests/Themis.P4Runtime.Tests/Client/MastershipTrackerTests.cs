using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using P4.V1;
using Themis.P4Runtime.Client.Internal;
using RpcStatus = Google.Rpc.Status;

namespace Themis.P4Runtime.Tests.Client;

public sealed class MastershipTrackerTests
{
    private static readonly UInt128 Ours = 10;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Test]
    public void FromArbitration_StatusOk_IsPrimary()
    {
        MastershipState state = MastershipTracker.FromArbitration(Answer(Ours, StatusCode.OK, "Is master"), Ours, DateTimeOffset.UnixEpoch);

        Assert.That(state.Status, Is.EqualTo(MastershipStatus.Primary));
        Assert.That(state.IsPrimary, Is.True);
        Assert.That(state.PrimaryElectionId, Is.EqualTo(Ours));
        Assert.That(state.Message, Is.EqualTo("Is master"));
    }

    [Test]
    public void FromArbitration_AlreadyExists_IsBackupAndNamesThePrimary()
    {
        UInt128 other = new(1, 0);

        MastershipState state = MastershipTracker.FromArbitration(Answer(other, StatusCode.AlreadyExists, "Is slave"), Ours, DateTimeOffset.UnixEpoch);

        Assert.That(state.Status, Is.EqualTo(MastershipStatus.Backup));
        Assert.That(state.IsPrimary, Is.False);
        Assert.That(state.IsConnected, Is.True);
        Assert.That(state.Code, Is.EqualTo(StatusCode.AlreadyExists));
        Assert.That(state.PrimaryElectionId, Is.EqualTo(other), "the high 64 bits of the election id must survive");
    }

    [Test]
    public void FromArbitration_NotFound_IsBackupWithoutPrimary()
    {
        MastershipState state = MastershipTracker.FromArbitration(Answer(20, StatusCode.NotFound, "no primary"), Ours, DateTimeOffset.UnixEpoch);

        Assert.That(state.Status, Is.EqualTo(MastershipStatus.BackupNoPrimary));
        Assert.That(state.PrimaryElectionId, Is.Null);
        Assert.That(state.ServerElectionId, Is.EqualTo((UInt128)20));
    }

    [Test]
    public void FromArbitration_NoStatus_ComparesElectionIds()
    {
        var ours = new MasterArbitrationUpdate { DeviceId = 0, ElectionId = ElectionIds.ToProto(Ours) };
        var theirs = new MasterArbitrationUpdate { DeviceId = 0, ElectionId = ElectionIds.ToProto(99) };

        Assert.That(MastershipTracker.FromArbitration(ours, Ours, DateTimeOffset.UnixEpoch).Status, Is.EqualTo(MastershipStatus.Primary));
        Assert.That(MastershipTracker.FromArbitration(theirs, Ours, DateTimeOffset.UnixEpoch).Status, Is.EqualTo(MastershipStatus.Backup));
    }

    [Test]
    public void Tracker_StartsDisconnected()
    {
        var tracker = new MastershipTracker(Ours, new FakeTimeProvider());

        Assert.That(tracker.Current.Status, Is.EqualTo(MastershipStatus.Disconnected));
        Assert.That(tracker.Current.ElectionId, Is.EqualTo(Ours));
    }

    [Test]
    public void ApplyArbitration_BackupThenPrimary_ReportsEachTransition()
    {
        var time = new FakeTimeProvider();
        var tracker = new MastershipTracker(Ours, time);

        MastershipChange? first = tracker.ApplyArbitration(Answer(50, StatusCode.AlreadyExists, "Is slave"), Ours);
        time.Advance(TimeSpan.FromSeconds(3));
        MastershipChange? second = tracker.ApplyArbitration(Answer(Ours, StatusCode.OK, "Is master"), Ours);

        Assert.That(first?.Previous.Status, Is.EqualTo(MastershipStatus.Disconnected));
        Assert.That(first?.Current.Status, Is.EqualTo(MastershipStatus.Backup));
        Assert.That(second?.Previous.Status, Is.EqualTo(MastershipStatus.Backup));
        Assert.That(second?.Current.Status, Is.EqualTo(MastershipStatus.Primary));
        Assert.That(second?.Current.Since - first?.Current.Since, Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public void ApplyArbitration_SameAnswerTwice_SecondIsNoChange()
    {
        var tracker = new MastershipTracker(Ours, new FakeTimeProvider());

        tracker.ApplyArbitration(Answer(Ours, StatusCode.OK, "Is master"), Ours);
        MastershipChange? again = tracker.ApplyArbitration(Answer(Ours, StatusCode.OK, "Is master"), Ours);

        Assert.That(again, Is.Null);
    }

    [Test]
    public void ApplyArbitration_NewPrimaryWhileBackup_IsAChange()
    {
        var tracker = new MastershipTracker(Ours, new FakeTimeProvider());
        tracker.ApplyArbitration(Answer(50, StatusCode.AlreadyExists, "Is slave"), Ours);

        MastershipChange? change = tracker.ApplyArbitration(Answer(60, StatusCode.AlreadyExists, "Is slave"), Ours);

        Assert.That(change?.Current.PrimaryElectionId, Is.EqualTo((UInt128)60));
    }

    [Test]
    public void ApplyNotPrimary_WhilePrimary_DemotesToBackup()
    {
        var tracker = new MastershipTracker(Ours, new FakeTimeProvider());
        tracker.ApplyArbitration(Answer(Ours, StatusCode.OK, "Is master"), Ours);

        MastershipChange? change = tracker.ApplyNotPrimary("Not master");

        Assert.That(change?.Current.Status, Is.EqualTo(MastershipStatus.Backup));
        Assert.That(change?.Current.Code, Is.EqualTo(StatusCode.PermissionDenied));
        Assert.That(change?.Current.Message, Does.Contain("Not master"));
        Assert.That(change?.Current.PrimaryElectionId, Is.Null, "the new primary's id is not known yet");
    }

    [Test]
    public void ApplyNotPrimary_WhileBackup_ChangesNothing()
    {
        var tracker = new MastershipTracker(Ours, new FakeTimeProvider());
        tracker.ApplyArbitration(Answer(50, StatusCode.AlreadyExists, "Is slave"), Ours);

        Assert.That(tracker.ApplyNotPrimary("Not master"), Is.Null);
        Assert.That(tracker.Current.Code, Is.EqualTo(StatusCode.AlreadyExists));
    }

    [Test]
    public void ApplyDisconnected_KeepsElectionIdAndGivesTheReason()
    {
        var tracker = new MastershipTracker(Ours, new FakeTimeProvider());
        tracker.ApplyArbitration(Answer(Ours, StatusCode.OK, "Is master"), Ours);

        MastershipChange? change = tracker.ApplyDisconnected("stream lost: UNAVAILABLE");

        Assert.That(change?.Current.Status, Is.EqualTo(MastershipStatus.Disconnected));
        Assert.That(change?.Current.IsConnected, Is.False);
        Assert.That(change?.Current.ElectionId, Is.EqualTo(Ours));
        Assert.That(change?.Current.Message, Is.EqualTo("stream lost: UNAVAILABLE"));
    }

    [Test]
    public async Task WatchAsync_YieldsCurrentThenEachChange_AndEndsOnComplete()
    {
        var tracker = new MastershipTracker(Ours, new FakeTimeProvider());
        var seen = new List<MastershipStatus>();
        using var cts = new CancellationTokenSource(Timeout);

        await using IAsyncEnumerator<MastershipState> watch = tracker.WatchAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.That(await watch.MoveNextAsync(), Is.True);
        seen.Add(watch.Current.Status);

        tracker.ApplyArbitration(Answer(50, StatusCode.AlreadyExists, "Is slave"), Ours);
        tracker.ApplyArbitration(Answer(Ours, StatusCode.OK, "Is master"), Ours);
        tracker.Complete();
        while (await watch.MoveNextAsync())
        {
            seen.Add(watch.Current.Status);
        }

        Assert.That(seen, Is.EqualTo(new[] { MastershipStatus.Disconnected, MastershipStatus.Backup, MastershipStatus.Primary }));
    }

    [Test]
    public async Task WatchAsync_AfterComplete_YieldsTheLastStateAndEnds()
    {
        var tracker = new MastershipTracker(Ours, new FakeTimeProvider());
        tracker.Complete();
        using var cts = new CancellationTokenSource(Timeout);

        var states = new List<MastershipState>();
        await foreach (MastershipState state in tracker.WatchAsync(cts.Token))
        {
            states.Add(state);
        }

        Assert.That(states, Has.Count.EqualTo(1));
    }

    [Test]
    public void ToString_ShowsStatusIdsAndCanonicalCode()
    {
        MastershipState state = MastershipTracker.FromArbitration(Answer(50, StatusCode.AlreadyExists, "Is slave"), Ours, DateTimeOffset.UnixEpoch);

        Assert.That(state.ToString(), Is.EqualTo("Backup (election id 10, server election id 50, AlreadyExists: Is slave)"));
    }

    private static MasterArbitrationUpdate Answer(UInt128 serverElectionId, StatusCode code, string message) => new()
    {
        DeviceId = 0,
        ElectionId = ElectionIds.ToProto(serverElectionId),
        Status = new RpcStatus { Code = (int)code, Message = message },
    };
}
