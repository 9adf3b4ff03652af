namespace Themis.Controller.Internal;

/// <summary>
/// Hands out the per-flow register slots of the data plane. Bounded by the register size; a slot is never
/// handed out twice; freed slots are reused oldest-freed first, so a slot just released (whose packets may
/// still be circulating in the loop) is the last to be reused.
/// </summary>
/// <remarks>
/// Each slot also carries whether its registers are known to be zero ("clean"). After a pipeline push all
/// registers are zero; after a rebuild from a running switch the free slots' contents are unknown ("dirty"),
/// so the first allocation of a dirty slot asks for a reset before the entry that uses it is installed.
/// </remarks>
internal sealed class SlotAllocator
{
    private readonly bool[] _allocated;
    private readonly bool[] _dirty;
    private readonly Queue<int> _free = new();

    public SlotAllocator(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _allocated = new bool[capacity];
        _dirty = new bool[capacity];
        for (int slot = 0; slot < capacity; slot++)
        {
            _free.Enqueue(slot);
        }
    }

    public int Capacity => _allocated.Length;

    public int InUse => Capacity - _free.Count;

    public int Available => _free.Count;

    public bool IsAllocated(int slot) => (uint)slot < (uint)Capacity && _allocated[slot];

    /// <summary>Takes a free slot. <paramref name="needsReset"/> is true when its registers may hold old state.</summary>
    public bool TryAllocate(out int slot, out bool needsReset)
    {
        if (!_free.TryDequeue(out slot))
        {
            slot = -1;
            needsReset = false;
            return false;
        }

        _allocated[slot] = true;
        needsReset = _dirty[slot];
        _dirty[slot] = false;
        return true;
    }

    /// <summary>
    /// Returns a slot. <paramref name="registersReset"/> says whether the caller resets its registers
    /// (false leaves it dirty, to be reset on its next allocation).
    /// </summary>
    public void Release(int slot, bool registersReset)
    {
        if (!IsAllocated(slot))
        {
            throw new InvalidOperationException($"Slot {slot} is not allocated; releasing it twice would let two flows share it.");
        }

        _allocated[slot] = false;
        _dirty[slot] = !registersReset;
        _free.Enqueue(slot);
    }

    /// <summary>
    /// Starts over from the slots found in use on the switch. Every other slot becomes free and, when
    /// <paramref name="freeSlotsClean"/> is false, dirty. Returns the claims that were refused: out of range,
    /// or a slot already claimed by an earlier entry (the caller removes those entries).
    /// </summary>
    public IReadOnlyList<int> Rebuild(IEnumerable<int> slotsInUse, bool freeSlotsClean)
    {
        Array.Clear(_allocated);
        var refused = new List<int>();
        foreach (int slot in slotsInUse)
        {
            if ((uint)slot >= (uint)Capacity || _allocated[slot])
            {
                refused.Add(slot);
                continue;
            }

            _allocated[slot] = true;
        }

        _free.Clear();
        for (int slot = 0; slot < Capacity; slot++)
        {
            _dirty[slot] = !freeSlotsClean && !_allocated[slot];
            if (!_allocated[slot])
            {
                _free.Enqueue(slot);
            }
        }

        return refused;
    }
}
