using System.Numerics;

namespace Themis.Switch.Runtime.Externs;

/// <summary>
/// A v1model <c>register&lt;bit&lt;W&gt;&gt;</c>: cells start at zero (BMv2 initialises registers to 0)
/// and are truncated to W bits on write. Cells up to 64 bits are plain integers; wider cells are
/// held as <see cref="BigInteger"/>. Out-of-range indices read 0 and ignore writes, so a bad index
/// never stops the switch.
/// </summary>
public sealed class RegisterArray
{
    private readonly ulong[] _narrow;
    private readonly BigInteger[] _wide;
    private readonly ulong _mask;
    private readonly BigInteger _wideMask;

    /// <summary>Creates <paramref name="size"/> zeroed cells of <paramref name="bitWidth"/> bits.</summary>
    public RegisterArray(uint id, string name, int size, int bitWidth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfLessThan(bitWidth, 1);
        Id = id;
        Name = name;
        BitWidth = bitWidth;
        Size = size;
        if (bitWidth <= 64)
        {
            _narrow = new ulong[size];
            _wide = [];
            _mask = bitWidth == 64 ? ulong.MaxValue : (1UL << bitWidth) - 1;
        }
        else
        {
            _narrow = [];
            _wide = new BigInteger[size];
            _wideMask = (BigInteger.One << bitWidth) - 1;
        }
    }

    /// <summary>P4Info id.</summary>
    public uint Id { get; }

    /// <summary>Fully qualified name.</summary>
    public string Name { get; }

    /// <summary>Cell width in bits.</summary>
    public int BitWidth { get; }

    /// <summary>Number of cells.</summary>
    public int Size { get; }

    /// <summary>True when cells are wider than 64 bits (use <see cref="ReadWide"/>/<see cref="WriteWide"/>).</summary>
    public bool IsWide => BitWidth > 64;

    /// <summary>Reads a cell of at most 64 bits (the low 64 bits of a wider one).</summary>
    public ulong Read(ulong index)
    {
        if (index >= (ulong)Size)
        {
            return 0;
        }

        if (IsWide)
        {
            lock (_wide)
            {
                return (ulong)(_wide[index] & ulong.MaxValue);
            }
        }

        return Volatile.Read(ref _narrow[index]);
    }

    /// <summary>Writes a cell, truncating the value to the register width.</summary>
    public void Write(ulong index, ulong value)
    {
        if (index >= (ulong)Size)
        {
            return;
        }

        if (IsWide)
        {
            WriteWide(index, value);
            return;
        }

        Volatile.Write(ref _narrow[index], value & _mask);
    }

    /// <summary>Reads a cell of any width.</summary>
    public BigInteger ReadWide(ulong index)
    {
        if (index >= (ulong)Size)
        {
            return BigInteger.Zero;
        }

        if (!IsWide)
        {
            return Read(index);
        }

        lock (_wide)
        {
            return _wide[index];
        }
    }

    /// <summary>Writes a cell of any width, truncating the value to the register width.</summary>
    public void WriteWide(ulong index, BigInteger value)
    {
        if (index >= (ulong)Size)
        {
            return;
        }

        if (!IsWide)
        {
            Write(index, (ulong)(value & ulong.MaxValue));
            return;
        }

        lock (_wide)
        {
            _wide[index] = value & _wideMask;
        }
    }

    /// <summary>Sets every cell to zero (P4Runtime reset; BMv2 <c>register_reset</c>).</summary>
    public void Reset()
    {
        if (IsWide)
        {
            lock (_wide)
            {
                Array.Clear(_wide);
            }
        }
        else
        {
            Array.Clear(_narrow);
        }
    }
}
