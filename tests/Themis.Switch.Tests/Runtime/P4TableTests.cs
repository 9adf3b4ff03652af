using Microsoft.Extensions.Time.Testing;
using Themis.Switch.Runtime.Tables;

namespace Themis.Switch.Tests.Runtime;

public sealed class P4TableTests
{
    private readonly FakeTimeProvider _time = new();

    private static readonly ActionCall Forward1 = new(10, [[0x00, 0x01]]);
    private static readonly ActionCall Forward2 = new(10, [[0x00, 0x02]]);
    private static readonly ActionCall Drop = new(11, []);

    private P4Table Table(long size, params MatchFieldSpec[] fields) =>
        new(new TableSpec(1, "t", fields, size, Drop) { SupportsIdleTimeout = true }, _time);

    private TableEntryRecord Entry(ActionCall action, int priority, params KeyFieldMatch[] matches) => new(matches, priority, action, _time);

    [Test]
    public void Lookup_ExactHit_ReturnsEntry()
    {
        P4Table table = Table(4, new MatchFieldSpec(1, "a", 16, MatchKind.Exact));
        Assert.That(table.Insert(Entry(Forward1, 0, KeyFieldMatch.Exact([0x12, 0x34]))), Is.EqualTo(TableOperationStatus.Ok));
        TableEntryRecord found = table.Lookup([0x12, 0x34], out bool hit);
        Assert.That(hit, Is.True);
        Assert.That(found.Action, Is.SameAs(Forward1));
    }

    [Test]
    public void Lookup_Miss_ReturnsDefaultEntry()
    {
        P4Table table = Table(4, new MatchFieldSpec(1, "a", 16, MatchKind.Exact));
        TableEntryRecord found = table.Lookup([0, 1], out bool hit);
        Assert.That(hit, Is.False);
        Assert.That(found.Action, Is.SameAs(Drop));
    }

    [Test]
    public void Insert_Duplicate_IsAlreadyExistsAndKeepsOriginal()
    {
        P4Table table = Table(4, new MatchFieldSpec(1, "a", 8, MatchKind.Exact));
        table.Insert(Entry(Forward1, 0, KeyFieldMatch.Exact([7])));
        Assert.That(table.Insert(Entry(Forward2, 0, KeyFieldMatch.Exact([7]))), Is.EqualTo(TableOperationStatus.AlreadyExists));
        Assert.That(table.Lookup([7], out _).Action, Is.SameAs(Forward1));
    }

    [Test]
    public void Insert_BeyondSize_IsFull()
    {
        P4Table table = Table(1, new MatchFieldSpec(1, "a", 8, MatchKind.Exact));
        table.Insert(Entry(Forward1, 0, KeyFieldMatch.Exact([1])));
        Assert.That(table.Insert(Entry(Forward1, 0, KeyFieldMatch.Exact([2]))), Is.EqualTo(TableOperationStatus.Full));
        Assert.That(table.Count, Is.EqualTo(1));
    }

    [Test]
    public void Lookup_Lpm_LongestPrefixWins()
    {
        P4Table table = Table(8, new MatchFieldSpec(1, "dst", 32, MatchKind.Lpm));
        table.Insert(Entry(Forward1, 0, KeyFieldMatch.Lpm([10, 0, 0, 0], 8, 32)));
        table.Insert(Entry(Forward2, 0, KeyFieldMatch.Lpm([10, 1, 0, 0], 16, 32)));
        Assert.That(table.Lookup([10, 1, 2, 3], out _).Action, Is.SameAs(Forward2));
        Assert.That(table.Lookup([10, 2, 2, 3], out _).Action, Is.SameAs(Forward1));
        Assert.That(table.Lookup([11, 1, 2, 3], out bool hit).Action, Is.SameAs(Drop));
        Assert.That(hit, Is.False);
    }

    [Test]
    public void Lookup_LpmOnNonByteWidth_MasksFromFieldStart()
    {
        // A 9-bit field occupies two bytes; the prefix starts at bit 7 of the first byte.
        P4Table table = Table(8, new MatchFieldSpec(1, "p", 9, MatchKind.Lpm));
        table.Insert(Entry(Forward1, 0, KeyFieldMatch.Lpm([0x01, 0x00], 1, 9)));
        Assert.That(table.Lookup([0x01, 0x7F], out bool hit).Action, Is.SameAs(Forward1));
        Assert.That(hit, Is.True);
        table.Lookup([0x00, 0xFF], out hit);
        Assert.That(hit, Is.False);
    }

    [Test]
    public void Lookup_Ternary_HigherPriorityWins()
    {
        P4Table table = Table(8, new MatchFieldSpec(1, "a", 8, MatchKind.Ternary));
        table.Insert(Entry(Forward1, 10, KeyFieldMatch.Ternary([0x10], [0xF0])));
        table.Insert(Entry(Forward2, 20, KeyFieldMatch.Ternary([0x12], [0xFF])));
        Assert.That(table.Lookup([0x12], out _).Action, Is.SameAs(Forward2));
        Assert.That(table.Lookup([0x13], out _).Action, Is.SameAs(Forward1));
    }

    [Test]
    public void Insert_SameMatchDifferentPriority_AreDistinctEntries()
    {
        P4Table table = Table(8, new MatchFieldSpec(1, "a", 8, MatchKind.Ternary));
        Assert.That(table.Insert(Entry(Forward1, 1, KeyFieldMatch.Ternary([1], [0xFF]))), Is.EqualTo(TableOperationStatus.Ok));
        Assert.That(table.Insert(Entry(Forward2, 2, KeyFieldMatch.Ternary([1], [0xFF]))), Is.EqualTo(TableOperationStatus.Ok));
        Assert.That(table.Count, Is.EqualTo(2));
    }

    [Test]
    public void Lookup_RangeAndOptional_MatchBoundsAndWildcard()
    {
        var range = new MatchFieldSpec(1, "port", 16, MatchKind.Range);
        var opt = new MatchFieldSpec(2, "proto", 8, MatchKind.Optional);
        P4Table table = Table(8, range, opt);
        table.Insert(Entry(Forward1, 5, KeyFieldMatch.Range([0x00, 0x10], [0x00, 0x20], 16), KeyFieldMatch.Optional([6])));
        table.Insert(Entry(Forward2, 1, KeyFieldMatch.Range([0x00, 0x00], [0x01, 0x00], 16), KeyFieldMatch.Wildcard(opt)));
        Assert.That(table.Lookup([0x00, 0x20, 6], out _).Action, Is.SameAs(Forward1));
        Assert.That(table.Lookup([0x00, 0x20, 17], out _).Action, Is.SameAs(Forward2));
        Assert.That(table.Lookup([0x00, 0x21, 6], out _).Action, Is.SameAs(Forward2));
        table.Lookup([0x01, 0x01, 6], out bool hit);
        Assert.That(hit, Is.False);
    }

    [Test]
    public void Delete_Absent_IsNotFound()
    {
        P4Table table = Table(8, new MatchFieldSpec(1, "a", 8, MatchKind.Exact));
        Assert.That(table.Delete([KeyFieldMatch.Exact([1])], 0), Is.EqualTo(TableOperationStatus.NotFound));
    }

    [Test]
    public void Modify_Present_ChangesAction()
    {
        P4Table table = Table(8, new MatchFieldSpec(1, "a", 8, MatchKind.Exact));
        table.Insert(Entry(Forward1, 0, KeyFieldMatch.Exact([1])));
        Assert.That(table.Modify([KeyFieldMatch.Exact([1])], 0, e => e.Action = Forward2), Is.EqualTo(TableOperationStatus.Ok));
        Assert.That(table.Lookup([1], out _).Action, Is.SameAs(Forward2));
    }

    [Test]
    public void Lookup_Hit_UpdatesLastHitTime()
    {
        P4Table table = Table(8, new MatchFieldSpec(1, "a", 8, MatchKind.Exact));
        TableEntryRecord entry = Entry(Forward1, 0, KeyFieldMatch.Exact([1]));
        table.Insert(entry);
        long before = entry.LastHitTimestamp;
        _time.Advance(TimeSpan.FromSeconds(1));
        table.Lookup([1], out _);
        Assert.That(entry.LastHitTimestamp, Is.GreaterThan(before));
    }

    [Test]
    public void ResetDefaultAction_AfterChange_RestoresProgramDefault()
    {
        P4Table table = Table(8, new MatchFieldSpec(1, "a", 8, MatchKind.Exact));
        table.SetDefaultAction(Forward1);
        Assert.That(table.Lookup([1], out _).Action, Is.SameAs(Forward1));
        table.ResetDefaultAction();
        Assert.That(table.Lookup([1], out _).Action, Is.SameAs(Drop));
    }
}
