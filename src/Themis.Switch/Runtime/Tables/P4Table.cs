using Themis.Switch.Runtime.Externs;

namespace Themis.Switch.Runtime.Tables;

/// <summary>
/// A match-action table with P4Runtime semantics: entries identified by match and priority,
/// a size limit, a default entry, per-entry direct counters and meters, and idle-time tracking.
/// Writes and lookups are serialised by a per-table lock; lookups return the entry to run.
/// </summary>
public sealed class P4Table
{
    private readonly Lock _lock = new();
    private readonly Dictionary<byte[], TableEntryRecord> _byIdentity = new(ByteArrayComparer.Instance);
    private readonly IEntryIndex _index;
    private readonly TimeProvider _time;
    private long _sequence;

    /// <summary>Creates an empty table with its default entry set to the program's default action.</summary>
    public P4Table(TableSpec spec, TimeProvider time)
    {
        Spec = spec ?? throw new ArgumentNullException(nameof(spec));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        int lpm = spec.Fields.Count(f => f.Kind == MatchKind.Lpm);
        _index = spec.RequiresPriority || lpm > 1 ? new PriorityIndex(spec)
            : lpm == 1 ? new LpmIndex(spec)
            : new ExactIndex();
        DefaultEntry = NewDefaultEntry();
    }

    /// <summary>The table's description.</summary>
    public TableSpec Spec { get; }

    /// <summary>Number of installed entries (the default entry excluded).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byIdentity.Count;
            }
        }
    }

    /// <summary>The default entry (no match fields); its action is null when nothing runs on a miss.</summary>
    public TableEntryRecord DefaultEntry { get; private set; }

    /// <summary>Installs <paramref name="entry"/> unless an entry with the same match exists or the table is full.</summary>
    public TableOperationStatus Insert(TableEntryRecord entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            if (_byIdentity.ContainsKey(entry.Identity))
            {
                return TableOperationStatus.AlreadyExists;
            }

            if (_byIdentity.Count >= Spec.MaxSize)
            {
                return TableOperationStatus.Full;
            }

            entry.Sequence = ++_sequence;
            if (Spec.DirectCounterId != 0)
            {
                entry.DirectCounter ??= new CounterCell();
            }

            if (Spec.DirectMeterId != 0)
            {
                entry.DirectMeter ??= new MeterCell(_time);
            }

            _byIdentity.Add(entry.Identity, entry);
            _index.Add(entry);
            return TableOperationStatus.Ok;
        }
    }

    /// <summary>Finds the entry with exactly this match and priority.</summary>
    public TableEntryRecord? Find(IReadOnlyList<KeyFieldMatch> matches, int priority)
    {
        byte[] identity = new TableEntryRecord(matches, priority, Placeholder, _time).Identity;
        lock (_lock)
        {
            return _byIdentity.GetValueOrDefault(identity);
        }
    }

    /// <summary>Applies <paramref name="change"/> to the entry with this match and priority, under the table lock.</summary>
    public TableOperationStatus Modify(IReadOnlyList<KeyFieldMatch> matches, int priority, Action<TableEntryRecord> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        byte[] identity = new TableEntryRecord(matches, priority, Placeholder, _time).Identity;
        lock (_lock)
        {
            if (!_byIdentity.TryGetValue(identity, out TableEntryRecord? entry))
            {
                return TableOperationStatus.NotFound;
            }

            change(entry);
            return TableOperationStatus.Ok;
        }
    }

    /// <summary>Removes the entry with this match and priority.</summary>
    public TableOperationStatus Delete(IReadOnlyList<KeyFieldMatch> matches, int priority)
    {
        byte[] identity = new TableEntryRecord(matches, priority, Placeholder, _time).Identity;
        lock (_lock)
        {
            if (!_byIdentity.Remove(identity, out TableEntryRecord? entry))
            {
                return TableOperationStatus.NotFound;
            }

            _index.Remove(entry);
            return TableOperationStatus.Ok;
        }
    }

    /// <summary>
    /// Puts the entry slot for <paramref name="matches"/> and <paramref name="priority"/> back as it
    /// was (batch rollback): <paramref name="previous"/> null means there was no entry; otherwise that
    /// same record returns (keeping its insertion order and counters) with <paramref name="saved"/> applied.
    /// </summary>
    internal void Restore(IReadOnlyList<KeyFieldMatch> matches, int priority, TableEntryRecord? previous, TableEntrySnapshot? saved)
    {
        byte[] identity = new TableEntryRecord(matches, priority, Placeholder, _time).Identity;
        lock (_lock)
        {
            if (_byIdentity.Remove(identity, out TableEntryRecord? current))
            {
                _index.Remove(current);
            }

            if (previous is null)
            {
                return;
            }

            saved?.ApplyTo(previous);
            _byIdentity.Add(previous.Identity, previous);
            _index.Add(previous);
        }
    }

    /// <summary>Applies <paramref name="saved"/> to the default entry under the table lock (batch rollback).</summary>
    internal void RestoreDefault(TableEntrySnapshot saved)
    {
        lock (_lock)
        {
            saved.ApplyTo(DefaultEntry);
        }
    }

    /// <summary>Replaces the default action (P4Runtime MODIFY of the default entry).</summary>
    public void SetDefaultAction(ActionCall action)
    {
        lock (_lock)
        {
            DefaultEntry.Action = action;
        }
    }

    /// <summary>Restores the program's default action (MODIFY of the default entry without an action).</summary>
    public void ResetDefaultAction()
    {
        lock (_lock)
        {
            DefaultEntry.Action = Spec.InitialDefaultAction ?? Placeholder;
        }
    }

    /// <summary>Removes every entry and restores the default action.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _byIdentity.Clear();
            _index.Clear();
            DefaultEntry = NewDefaultEntry();
        }
    }

    /// <summary>A snapshot of the installed entries in insertion order.</summary>
    public IReadOnlyList<TableEntryRecord> Entries()
    {
        lock (_lock)
        {
            return [.. _byIdentity.Values.OrderBy(e => e.Sequence)];
        }
    }

    /// <summary>
    /// Looks <paramref name="key"/> up (field values concatenated in P4Info order, each padded to whole
    /// bytes). Returns the matching entry, or the default entry with <paramref name="hit"/> false.
    /// Records the hit time of a matching entry for idle timeout.
    /// </summary>
    public TableEntryRecord Lookup(ReadOnlySpan<byte> key, out bool hit)
    {
        TableEntryRecord? entry;
        lock (_lock)
        {
            entry = _index.Lookup(key);
            if (entry is null)
            {
                hit = false;
                return DefaultEntry;
            }
        }

        hit = true;
        if (Spec.SupportsIdleTimeout)
        {
            entry.Hit(_time.GetTimestamp());
        }

        return entry;
    }

    /// <summary>True when <paramref name="action"/> is the "nothing set" marker of a default entry without an action.</summary>
    public static bool IsNoAction(ActionCall action) => ReferenceEquals(action, Placeholder);

    private static ActionCall Placeholder { get; } = new(0, []);

    private TableEntryRecord NewDefaultEntry()
    {
        var entry = new TableEntryRecord([], 0, Spec.InitialDefaultAction ?? Placeholder, _time);
        if (Spec.DirectCounterId != 0)
        {
            entry.DirectCounter = new CounterCell();
        }

        if (Spec.DirectMeterId != 0)
        {
            entry.DirectMeter = new MeterCell(_time);
        }

        return entry;
    }
}
