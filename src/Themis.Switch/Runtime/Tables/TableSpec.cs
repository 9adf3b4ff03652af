using Themis.Switch.Runtime.Externs;

namespace Themis.Switch.Runtime.Tables;

/// <summary>What the runtime needs to know about a table (taken from the P4Info and the program).</summary>
public sealed class TableSpec
{
    /// <summary>Creates a table description.</summary>
    public TableSpec(uint id, string name, IReadOnlyList<MatchFieldSpec> fields, long maxSize, ActionCall? initialDefaultAction)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Id = id;
        Name = name;
        Fields = fields;
        MaxSize = maxSize;
        InitialDefaultAction = initialDefaultAction;
        KeyByteWidth = fields.Sum(f => f.ByteWidth);
        RequiresPriority = fields.Any(f => f.Kind is MatchKind.Ternary or MatchKind.Range or MatchKind.Optional);
    }

    /// <summary>P4Info id.</summary>
    public uint Id { get; }

    /// <summary>Fully qualified name.</summary>
    public string Name { get; }

    /// <summary>Key fields in P4Info order; a lookup key is their padded values concatenated.</summary>
    public IReadOnlyList<MatchFieldSpec> Fields { get; }

    /// <summary>Maximum number of entries (P4Info <c>size</c>); inserting beyond it fails with RESOURCE_EXHAUSTED.</summary>
    public long MaxSize { get; }

    /// <summary>The program's default action (null: <c>NoAction</c> semantics, nothing runs on a miss).</summary>
    public ActionCall? InitialDefaultAction { get; }

    /// <summary>True when the program declares the default action <c>const</c>.</summary>
    public bool ConstDefaultAction { get; init; }

    /// <summary>True when the table's entries are fixed by the program (<c>const entries</c>).</summary>
    public bool ConstEntries { get; init; }

    /// <summary>True when the table supports idle timeout (P4Info <c>idle_timeout_behavior</c> NOTIFY_CONTROL).</summary>
    public bool SupportsIdleTimeout { get; init; }

    /// <summary>P4Info id of the table's direct counter, or 0.</summary>
    public uint DirectCounterId { get; init; }

    /// <summary>Unit of the direct counter.</summary>
    public CounterUnit DirectCounterUnit { get; init; } = CounterUnit.PacketsAndBytes;

    /// <summary>P4Info id of the table's direct meter, or 0.</summary>
    public uint DirectMeterId { get; init; }

    /// <summary>Unit of the direct meter.</summary>
    public MeterUnit DirectMeterUnit { get; init; } = MeterUnit.Bytes;

    /// <summary>Total bytes of a lookup key.</summary>
    public int KeyByteWidth { get; }

    /// <summary>True when entries need a priority (some field is ternary, range or optional).</summary>
    public bool RequiresPriority { get; }
}
