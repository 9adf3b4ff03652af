namespace Themis.Controller.Internal;

/// <summary>
/// The controller's view of <c>cnp_store</c>: (local IP, local QPN) → slot for flows a local receiver sent
/// CNPs for. Bounded by the table size. An entry leaves on the switch's idle-timeout notification or when its
/// QP is destroyed.
/// </summary>
internal sealed class CnpStoreTable
{
    private readonly Dictionary<LocalQp, int> _entries = new();

    public CnpStoreTable(int capacity, int cacheSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cacheSize, 1);
        Capacity = capacity;
        CacheSize = cacheSize;
    }

    public int Capacity { get; }

    public int CacheSize { get; }

    public int Count => _entries.Count;

    public bool TryGetSlot(LocalQp qp, out int slot) => _entries.TryGetValue(qp, out slot);

    /// <summary>
    /// A CNP for <paramref name="qp"/> (whose <c>qp_field</c> entry uses <paramref name="slot"/>) was cached at
    /// <paramref name="cacheIndex"/> as <paramref name="cacheEntry"/>. The cache cell is cleared only once the exact entry exists.
    /// </summary>
    public CnpOutcome Record(LocalQp qp, int slot, int cacheIndex, uint cacheEntry, List<SwitchAction> actions)
    {
        if ((uint)cacheIndex >= (uint)CacheSize)
        {
            return CnpOutcome.Malformed;
        }

        CnpOutcome outcome;
        if (_entries.TryGetValue(qp, out int existing))
        {
            if (existing == slot)
            {
                outcome = CnpOutcome.Refreshed;
            }
            else
            {
                actions.Add(new RemoveCnpStoreEntry(qp));
                actions.Add(new InstallCnpStoreEntry(qp, slot));
                _entries[qp] = slot;
                outcome = CnpOutcome.Updated;
            }
        }
        else if (_entries.Count >= Capacity)
        {
            return CnpOutcome.StoreFull;
        }
        else
        {
            actions.Add(new InstallCnpStoreEntry(qp, slot));
            _entries.Add(qp, slot);
            outcome = CnpOutcome.Inserted;
        }

        actions.Add(new ResetCnpCache(cacheIndex, cacheEntry));
        return outcome;
    }

    /// <summary>Removes the entry of <paramref name="qp"/> if there is one (idle timeout, QP destroyed).</summary>
    public bool Remove(LocalQp qp, List<SwitchAction> actions)
    {
        if (!_entries.Remove(qp))
        {
            return false;
        }

        actions.Add(new RemoveCnpStoreEntry(qp));
        return true;
    }

    /// <summary>The switch refused the insert: forget the entry so the next CNP tries again.</summary>
    public void InstallFailed(LocalQp qp, int slot)
    {
        if (_entries.TryGetValue(qp, out int existing) && existing == slot)
        {
            _entries.Remove(qp);
        }
    }

    /// <summary>
    /// Replaces the state with the entries read from the switch, keeping those whose slot matches a live
    /// registration (<paramref name="slotOf"/>); the rest are scheduled for removal. Returns how many were kept.
    /// </summary>
    public int Rebuild(IEnumerable<(LocalQp Qp, int Slot)> entriesOnSwitch, Func<LocalQp, int?> slotOf, List<SwitchAction> actions)
    {
        _entries.Clear();
        foreach ((LocalQp qp, int slot) in entriesOnSwitch)
        {
            if (slotOf(qp) == slot && _entries.Count < Capacity && _entries.TryAdd(qp, slot))
            {
                continue;
            }

            actions.Add(new RemoveCnpStoreEntry(qp));
        }

        return _entries.Count;
    }
}
