namespace Themis.Controller.Internal;

/// <summary>
/// The registration state machine: daemon create/destroy events and handshake verifications in,
/// <see cref="SwitchAction"/>s out. Everything here is bounded: installed entries by the slot count, pending
/// ones by <see cref="RegistrationLimits"/>. Duplicates and replays of an event leave the state unchanged.
/// </summary>
internal sealed class RegistrationTable
{
    /// <summary>QPNs are 24 bits on the wire (BTH DestQP).</summary>
    public const uint MaxQpn = 0xFF_FFFF;

    private readonly SlotAllocator _slots;
    private readonly HostPairSet _pairs;
    private readonly TimeProvider _time;
    private readonly RegistrationLimits _limits;

    private readonly Dictionary<QpKey, InstalledQp> _installed = new();
    private readonly Dictionary<LocalQp, InstalledQp> _installedByLocal = new();

    private readonly Dictionary<LocalQp, PendingRegistration> _pending = new();
    private readonly Dictionary<HostPair, HashSet<LocalQp>> _pendingByPair = new();
    private readonly Dictionary<uint, int> _pendingPerHost = new();
    private readonly PriorityQueue<LocalQp, long> _pendingDeadlines = new();

    public RegistrationTable(SlotAllocator slots, HostPairSet pairs, RegistrationLimits limits, TimeProvider time)
    {
        _slots = slots;
        _pairs = pairs;
        _limits = limits;
        _time = time;
    }

    /// <summary>Called whenever an installed QP goes away, so state keyed by the local QP (cnp_store) follows.</summary>
    public Action<InstalledQp, List<SwitchAction>>? Removed { get; set; }

    public int InstalledCount => _installed.Count;

    public int PendingCount => _pending.Count;

    public IEnumerable<InstalledQp> Installed => _installed.Values;

    public bool TryGetInstalled(LocalQp qp, out InstalledQp entry) => _installedByLocal.TryGetValue(qp, out entry!);

    public bool IsPending(LocalQp qp) => _pending.ContainsKey(qp);

    /// <summary>Applies one daemon event.</summary>
    public DaemonOutcome Handle(in DaemonEvent e, List<SwitchAction> actions) =>
        e.Kind == DaemonEventKind.Create ? Create(e, actions) : Destroy(e.LocalQp, actions);

    /// <summary>A handshake digest verified <paramref name="pair"/>: install what was waiting for it.</summary>
    /// <returns>The outcome of each waiting registration (Installed or SlotsExhausted).</returns>
    public IReadOnlyList<(LocalQp Qp, DaemonOutcome Outcome)> Promote(HostPair pair, List<SwitchAction> actions)
    {
        if (!_pendingByPair.TryGetValue(pair, out HashSet<LocalQp>? waiting))
        {
            return [];
        }

        var results = new List<(LocalQp, DaemonOutcome)>(waiting.Count);
        foreach (LocalQp qp in waiting.ToArray())
        {
            PendingRegistration pending = _pending[qp];
            RemovePending(qp);
            results.Add((qp, Install(pending.Key, pending.LocalQpn, actions)));
        }

        return results;
    }

    /// <summary>Drops pending registrations whose grace period is over; returns how many.</summary>
    public int ExpirePending()
    {
        long now = _time.GetUtcNow().UtcTicks;
        int expired = 0;
        while (_pendingDeadlines.TryPeek(out LocalQp qp, out long deadline) && deadline <= now)
        {
            _pendingDeadlines.Dequeue();
            if (_pending.TryGetValue(qp, out PendingRegistration? pending) && pending.DeadlineTicks == deadline)
            {
                RemovePending(qp);
                expired++;
            }
        }

        return expired;
    }

    /// <summary>
    /// The switch refused to install <paramref name="install"/>: forget it and free its slot (left dirty: the
    /// reset that preceded the install may or may not have run). Nothing happens when the registration is gone
    /// or was replaced meanwhile (its successor's own install decides about the slot).
    /// </summary>
    public bool InstallFailed(InstallQpEntry install)
    {
        if (!_installed.TryGetValue(install.Key, out InstalledQp? entry) || entry.Slot != install.Slot
            || (install.Entry is not null && !ReferenceEquals(entry, install.Entry)))
        {
            return false;
        }

        QpKey key = install.Key;
        int slot = install.Slot;

        _installed.Remove(key);
        _installedByLocal.Remove(entry.LocalQp);
        _slots.Release(slot, registersReset: false);
        return true;
    }

    /// <summary>
    /// Replaces all state with the <c>qp_field</c> entries read from the switch. Entries that cannot be kept
    /// (slot out of range or already taken, local QP already mapped) get a <see cref="RemoveQpEntry"/>.
    /// Pending registrations are dropped; each kept entry's host pair counts as verified.
    /// </summary>
    public RebuildReport Rebuild(IEnumerable<InstalledQp> entriesOnSwitch, bool freeSlotsClean, List<SwitchAction> actions)
    {
        _installed.Clear();
        _installedByLocal.Clear();
        _pending.Clear();
        _pendingByPair.Clear();
        _pendingPerHost.Clear();
        _pendingDeadlines.Clear();

        var usedSlots = new HashSet<int>();
        int removed = 0;
        foreach (InstalledQp entry in entriesOnSwitch)
        {
            bool keep = entry.Slot >= 0 && entry.Slot < _slots.Capacity && !usedSlots.Contains(entry.Slot)
                && !_installed.ContainsKey(entry.Key) && !_installedByLocal.ContainsKey(entry.LocalQp);
            if (!keep)
            {
                actions.Add(new RemoveQpEntry(entry.Key, entry.LocalQpn, entry.Slot));
                removed++;
                continue;
            }

            usedSlots.Add(entry.Slot);
            _installed.Add(entry.Key, entry);
            _installedByLocal.Add(entry.LocalQp, entry);
            _pairs.AddOrRefresh(entry.Key.Pair);
        }

        IReadOnlyList<int> refused = _slots.Rebuild(usedSlots, freeSlotsClean);
        if (refused.Count != 0)
        {
            throw new InvalidOperationException("Slot rebuild refused slots that were checked to be unique and in range.");
        }

        return new RebuildReport(_installed.Count, removed);
    }

    private DaemonOutcome Create(in DaemonEvent e, List<SwitchAction> actions)
    {
        if (e.LocalQpn > MaxQpn || e.RemoteQpn > MaxQpn || !Ipv4.IsUnicastHost(e.RemoteIp)
            || !Ipv4.IsUnicastHost(e.SourceIp) || e.RemoteIp == e.SourceIp)
        {
            return DaemonOutcome.Invalid;
        }

        QpKey key = e.Key;
        bool replaced = false;
        if (_installedByLocal.TryGetValue(e.LocalQp, out InstalledQp? mine))
        {
            if (mine.Key == key)
            {
                return DaemonOutcome.Duplicate;
            }

            // The QP was re-connected without a destroy we saw: the host's latest word wins.
            RemoveInstalled(mine, actions);
            replaced = true;
        }

        if (_installed.TryGetValue(key, out InstalledQp? other))
        {
            // Another local QP of the same host claimed this remote QP before; it must be gone.
            RemoveInstalled(other, actions);
            replaced = true;
        }

        if (_pending.TryGetValue(e.LocalQp, out PendingRegistration? waiting))
        {
            if (waiting.Key == key && !_pairs.Contains(key.Pair))
            {
                return DaemonOutcome.Duplicate;
            }

            RemovePending(e.LocalQp);
        }

        if (_pairs.Contains(key.Pair))
        {
            DaemonOutcome installed = Install(key, e.LocalQpn, actions);
            return installed == DaemonOutcome.Installed && replaced ? DaemonOutcome.Replaced : installed;
        }

        return AddPending(key, e.LocalQpn);
    }

    private DaemonOutcome Destroy(LocalQp qp, List<SwitchAction> actions)
    {
        if (_installedByLocal.TryGetValue(qp, out InstalledQp? entry))
        {
            RemoveInstalled(entry, actions);
            return DaemonOutcome.Removed;
        }

        if (_pending.ContainsKey(qp))
        {
            RemovePending(qp);
            return DaemonOutcome.PendingDropped;
        }

        return DaemonOutcome.UnknownQp;
    }

    private DaemonOutcome Install(QpKey key, uint localQpn, List<SwitchAction> actions)
    {
        if (!_slots.TryAllocate(out int slot, out bool needsReset))
        {
            return DaemonOutcome.SlotsExhausted;
        }

        if (needsReset)
        {
            actions.Add(new ResetSlot(slot));
        }

        var entry = new InstalledQp(key, localQpn, slot);
        _installed.Add(key, entry);
        _installedByLocal.Add(entry.LocalQp, entry);
        actions.Add(new InstallQpEntry(key, localQpn, slot) { Entry = entry });
        return DaemonOutcome.Installed;
    }

    private void RemoveInstalled(InstalledQp entry, List<SwitchAction> actions)
    {
        _installed.Remove(entry.Key);
        _installedByLocal.Remove(entry.LocalQp);
        actions.Add(new RemoveQpEntry(entry.Key, entry.LocalQpn, entry.Slot));
        actions.Add(new ResetSlot(entry.Slot));
        _slots.Release(entry.Slot, registersReset: true);
        Removed?.Invoke(entry, actions);
    }

    private DaemonOutcome AddPending(QpKey key, uint localQpn)
    {
        _pendingPerHost.TryGetValue(key.LocalIp, out int hostCount);
        if (_pending.Count >= _limits.MaxPending || hostCount >= _limits.MaxPendingPerHost)
        {
            return DaemonOutcome.PendingFull;
        }

        long deadline = _time.GetUtcNow().UtcTicks + _limits.GracePeriod.Ticks;
        var pending = new PendingRegistration(key, localQpn, deadline);
        _pending.Add(pending.LocalQp, pending);
        if (!_pendingByPair.TryGetValue(key.Pair, out HashSet<LocalQp>? set))
        {
            _pendingByPair[key.Pair] = set = [];
        }

        set.Add(pending.LocalQp);
        _pendingPerHost[key.LocalIp] = hostCount + 1;
        _pendingDeadlines.Enqueue(pending.LocalQp, deadline);
        return DaemonOutcome.Pending;
    }

    private void RemovePending(LocalQp qp)
    {
        if (!_pending.Remove(qp, out PendingRegistration? pending))
        {
            return;
        }

        HostPair pair = pending.Key.Pair;
        if (_pendingByPair.TryGetValue(pair, out HashSet<LocalQp>? set))
        {
            set.Remove(qp);
            if (set.Count == 0)
            {
                _pendingByPair.Remove(pair);
            }
        }

        int left = _pendingPerHost[qp.Ip] - 1;
        if (left == 0)
        {
            _pendingPerHost.Remove(qp.Ip);
        }
        else
        {
            _pendingPerHost[qp.Ip] = left;
        }

        // The deadline heap item goes stale and is skipped when popped; bound its growth from re-pends.
        if (_pendingDeadlines.Count > 2 * _limits.MaxPending + 16)
        {
            _pendingDeadlines.Clear();
            foreach (PendingRegistration p in _pending.Values)
            {
                _pendingDeadlines.Enqueue(p.LocalQp, p.DeadlineTicks);
            }
        }
    }
}
