namespace Themis.Switch.Runtime.Externs;

/// <summary>An indexed v1model <c>counter</c>.</summary>
public sealed class CounterArray
{
    private readonly CounterCell[] _cells;

    /// <summary>Creates <paramref name="size"/> zeroed counters.</summary>
    public CounterArray(uint id, string name, int size, CounterUnit unit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        Id = id;
        Name = name;
        Unit = unit;
        _cells = new CounterCell[size];
        for (int i = 0; i < size; i++)
        {
            _cells[i] = new CounterCell();
        }
    }

    /// <summary>P4Info id.</summary>
    public uint Id { get; }

    /// <summary>Fully qualified name.</summary>
    public string Name { get; }

    /// <summary>Unit reported to P4Runtime.</summary>
    public CounterUnit Unit { get; }

    /// <summary>Number of counters.</summary>
    public int Size => _cells.Length;

    /// <summary>The counter at <paramref name="index"/>.</summary>
    public CounterCell this[int index] => _cells[index];

    /// <summary>
    /// Counts a packet at <paramref name="index"/>; an index out of range is ignored, as BMv2 does
    /// after logging an error, so a bad index in the program never stops the switch.
    /// </summary>
    public bool TryCount(ulong index, int length)
    {
        if (index >= (ulong)_cells.Length)
        {
            return false;
        }

        _cells[index].Count(length);
        return true;
    }
}
