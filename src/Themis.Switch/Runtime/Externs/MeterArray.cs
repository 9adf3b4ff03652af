namespace Themis.Switch.Runtime.Externs;

/// <summary>An indexed v1model <c>meter</c>.</summary>
public sealed class MeterArray
{
    private readonly MeterCell[] _cells;

    /// <summary>Creates <paramref name="size"/> unconfigured meters.</summary>
    public MeterArray(uint id, string name, int size, MeterUnit unit, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        Id = id;
        Name = name;
        Unit = unit;
        _cells = new MeterCell[size];
        for (int i = 0; i < size; i++)
        {
            _cells[i] = new MeterCell(time);
        }
    }

    /// <summary>P4Info id.</summary>
    public uint Id { get; }

    /// <summary>Fully qualified name.</summary>
    public string Name { get; }

    /// <summary>Unit of rates and bursts.</summary>
    public MeterUnit Unit { get; }

    /// <summary>Number of meters.</summary>
    public int Size => _cells.Length;

    /// <summary>The meter at <paramref name="index"/>.</summary>
    public MeterCell this[int index] => _cells[index];

    /// <summary>Colors a packet of <paramref name="length"/> bytes at <paramref name="index"/>; out of range → green.</summary>
    public MeterColor Execute(ulong index, int length)
    {
        if (index >= (ulong)_cells.Length)
        {
            return MeterColor.Green;
        }

        return _cells[index].Execute(Unit == MeterUnit.Packets ? 1 : length);
    }
}
