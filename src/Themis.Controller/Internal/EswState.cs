namespace Themis.Controller.Internal;

/// <summary>
/// Everything the controller knows about one ESW, as pure logic: events in, <see cref="SwitchAction"/>s out.
/// No I/O and no clock of its own (the <see cref="TimeProvider"/> is injected), so every rule is unit-tested
/// and the P4Runtime side stays a thin executor. Not thread-safe: one serving loop owns it.
/// </summary>
internal sealed class EswState
{
    public EswState(EswStateOptions options, TimeProvider time, Func<ulong> random)
    {
        Options = options;
        Time = time;
        Slots = new SlotAllocator(options.FlowSlots);
        Pairs = new HostPairSet(options.HostPairTtl, options.HostPairCapacity, time);
        Registrations = new RegistrationTable(Slots, Pairs, options.Registration, time);
        CnpStore = new CnpStoreTable(options.CnpStoreSize, options.CnpCacheSize);
        Secrets = new CookieSecretSchedule(options.SecretRotation, options.SecretBits, time, random);
        Replay = new ReplayGuard(options.MaxClockSkew, time);
        Registrations.Removed = (entry, actions) => CnpStore.Remove(entry.LocalQp, actions);
    }

    public EswStateOptions Options { get; }

    public TimeProvider Time { get; }

    public SlotAllocator Slots { get; }

    public HostPairSet Pairs { get; }

    public RegistrationTable Registrations { get; }

    public CnpStoreTable CnpStore { get; }

    public CookieSecretSchedule Secrets { get; }

    public ReplayGuard Replay { get; }

    public DaemonOutcome OnDaemonEvent(in DaemonEvent e, List<SwitchAction> actions) => Registrations.Handle(e, actions);

    /// <summary>A handshake digest verified a pair: remember it and install what waited for it.</summary>
    public HandshakeResult OnHandshake(HostPair pair, List<SwitchAction> actions, int dataPlaneIndex = -1)
    {
        if (!Ipv4.IsUnicastHost(pair.Local) || !Ipv4.IsUnicastHost(pair.Remote) || pair.Local == pair.Remote)
        {
            return new HandshakeResult(false, []);
        }

        bool isNew = Pairs.AddOrRefresh(pair, dataPlaneIndex);
        return new HandshakeResult(isNew, Registrations.Promote(pair, actions));
    }

    /// <summary>
    /// A CNP copy for local QP <paramref name="qp"/> was cached at <paramref name="cacheIndex"/>. The slot is
    /// taken from the controller's own registration (the authority), not from the packet.
    /// </summary>
    public CnpOutcome OnCnpCopy(LocalQp qp, int cacheIndex, uint cacheEntry, List<SwitchAction> actions)
    {
        if (!Registrations.TryGetInstalled(qp, out InstalledQp entry))
        {
            return CnpOutcome.UnknownQp;
        }

        return CnpStore.Record(qp, entry.Slot, cacheIndex, cacheEntry, actions);
    }

    /// <summary>The switch reported the <c>cnp_store</c> entry of <paramref name="qp"/> idle.</summary>
    public bool OnCnpStoreIdle(LocalQp qp, List<SwitchAction> actions) => CnpStore.Remove(qp, actions);

    /// <summary>Periodic work: expire pending registrations and host pairs, rotate the cookie secrets when due.</summary>
    public TickResult Tick(List<SwitchAction> actions)
    {
        int pending = Registrations.ExpirePending();
        IReadOnlyList<HostPair> expired = Pairs.RemoveExpired();
        foreach (HostPair pair in expired)
        {
            int index = Pairs.TakeExpiredIndex(pair);
            if (index >= 0)
            {
                actions.Add(new ClearVerifiedPair(index));
            }
        }

        int pairs = expired.Count;
        SetCookieSecrets? rotation = Secrets.Tick();
        if (rotation is not null)
        {
            actions.Add(rotation);
        }

        return new TickResult(pending, pairs, rotation is not null);
    }

    /// <summary>
    /// The switch refused an install: undo what the decision assumed. <paramref name="followUps"/> receives what the
    /// switch still needs (a <c>cnp_store</c> entry a later batch may have installed for the forgotten QP).
    /// </summary>
    public void OnInstallRefused(SwitchAction action, List<SwitchAction> followUps)
    {
        switch (action)
        {
            case InstallQpEntry install:
                if (Registrations.InstallFailed(install))
                {
                    CnpStore.Remove(new LocalQp(install.Key.LocalIp, install.LocalQpn), followUps);
                }

                break;
            case InstallCnpStoreEntry store:
                CnpStore.InstallFailed(store.Qp, store.Slot);
                break;
        }
    }

    /// <summary>
    /// Rebuilds from the switch: its <c>qp_field</c> and <c>cnp_store</c> entries and the cookie secret it
    /// runs. Returns the clean-up the switch needs (duplicates and orphans removed) plus fresh secrets.
    /// </summary>
    public RebuildReport Rebuild(
        IEnumerable<InstalledQp> qpEntries,
        IEnumerable<(LocalQp Qp, int Slot)> cnpStoreEntries,
        ulong? cookieSecretOnSwitch,
        bool freshPipeline,
        List<SwitchAction> actions)
    {
        RebuildReport report = Registrations.Rebuild(qpEntries, freshPipeline, actions);
        CnpStore.Rebuild(
            cnpStoreEntries,
            qp => Registrations.TryGetInstalled(qp, out InstalledQp e) ? e.Slot : null,
            actions);
        actions.Add(Secrets.Start(cookieSecretOnSwitch));
        return report;
    }
}
