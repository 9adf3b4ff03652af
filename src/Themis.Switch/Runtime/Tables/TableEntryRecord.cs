using Themis.Switch.Runtime.Externs;

namespace Themis.Switch.Runtime.Tables;

/// <summary>One installed table entry (or a table's default entry).</summary>
public sealed class TableEntryRecord
{
    private long _lastHit;
    private int _idleNotified;

    /// <summary>Creates an entry; <paramref name="matches"/> follows the table's field order.</summary>
    public TableEntryRecord(IReadOnlyList<KeyFieldMatch> matches, int priority, ActionCall action, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(matches);
        ArgumentNullException.ThrowIfNull(time);
        Matches = matches;
        Priority = priority;
        Action = action;
        _lastHit = time.GetTimestamp();
        Identity = BuildIdentity(matches, priority);
    }

    /// <summary>How each key field matches, in the table's field order.</summary>
    public IReadOnlyList<KeyFieldMatch> Matches { get; }

    /// <summary>P4Runtime priority (higher wins); 0 for tables without priorities.</summary>
    public int Priority { get; }

    /// <summary>The action run on a hit; replaced by MODIFY.</summary>
    public ActionCall Action { get; set; }

    /// <summary>P4Runtime <c>controller_metadata</c>.</summary>
    public ulong ControllerMetadata { get; set; }

    /// <summary>P4Runtime <c>metadata</c> bytes, stored and returned unchanged.</summary>
    public byte[] Metadata { get; set; } = [];

    /// <summary>Idle timeout in nanoseconds (0: never times out).</summary>
    public long IdleTimeoutNs { get; set; }

    /// <summary>The entry's direct counter, when the table has one.</summary>
    public CounterCell? DirectCounter { get; set; }

    /// <summary>The entry's direct meter, when the table has one.</summary>
    public MeterCell? DirectMeter { get; set; }

    /// <summary>Insertion sequence number, used to order entries of equal priority.</summary>
    public long Sequence { get; internal set; }

    /// <summary>Bytes identifying the entry within its table: its match and priority.</summary>
    internal byte[] Identity { get; }

    /// <summary><see cref="TimeProvider"/> timestamp of the last hit (or of insertion).</summary>
    public long LastHitTimestamp => Volatile.Read(ref _lastHit);

    /// <summary>Records a hit at <paramref name="timestamp"/> and re-arms the idle notification.</summary>
    public void Hit(long timestamp)
    {
        Volatile.Write(ref _lastHit, timestamp);
        if (Volatile.Read(ref _idleNotified) != 0)
        {
            Volatile.Write(ref _idleNotified, 0);
        }
    }

    /// <summary>Marks the entry as reported idle; returns false if it already was.</summary>
    internal bool TryMarkIdleNotified() => Interlocked.Exchange(ref _idleNotified, 1) == 0;

    /// <summary>Re-arms idle reporting without counting as a hit (after a MODIFY of the timeout).</summary>
    internal void RearmIdle(long timestamp)
    {
        Volatile.Write(ref _lastHit, timestamp);
        Volatile.Write(ref _idleNotified, 0);
    }

    private static byte[] BuildIdentity(IReadOnlyList<KeyFieldMatch> matches, int priority)
    {
        var bytes = new List<byte>(64);
        foreach (KeyFieldMatch match in matches)
        {
            match.AppendIdentity(bytes);
        }

        bytes.Add((byte)(priority >> 24));
        bytes.Add((byte)(priority >> 16));
        bytes.Add((byte)(priority >> 8));
        bytes.Add((byte)priority);
        return [.. bytes];
    }
}
