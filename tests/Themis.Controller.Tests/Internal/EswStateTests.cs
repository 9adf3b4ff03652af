using Microsoft.Extensions.Time.Testing;
using Themis.Controller.Internal;

namespace Themis.Controller.Tests.Internal;

public sealed class EswStateTests
{
    private const uint HostA = 0x0A000101; // 10.0.1.1, inside the DC
    private const uint HostB = 0x0A000102; // 10.0.1.2, inside the DC
    private const uint Remote = 0x0A020101; // 10.2.1.1, across the WAN

    private FakeTimeProvider _time = null!;
    private EswState _state = null!;
    private List<SwitchAction> _actions = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        _state = NewState(slots: 4);
        _actions = [];
    }

    private EswState NewState(int slots, int maxPending = 16, int perHost = 8)
    {
        ulong next = 0x1000;
        return new EswState(
            new EswStateOptions
            {
                FlowSlots = slots,
                CnpStoreSize = slots,
                CnpCacheSize = 64,
                HostPairTtl = TimeSpan.FromMinutes(10),
                Registration = new RegistrationLimits(TimeSpan.FromSeconds(2), maxPending, perHost),
                SecretRotation = TimeSpan.FromSeconds(60),
            },
            _time,
            () => next++);
    }

    private static DaemonEvent Create(uint host, uint localQpn, uint remoteQpn, uint remoteIp = Remote) =>
        new(host, DaemonEventKind.Create, remoteIp, localQpn, remoteQpn);

    private static DaemonEvent Destroy(uint host, uint localQpn) => new(host, DaemonEventKind.Destroy, 0, localQpn, 0);

    [Test]
    public void OnDaemonEvent_CreateAfterHandshake_InstallsEntryWithSlot()
    {
        _state.OnHandshake(new HostPair(HostA, Remote), _actions);

        DaemonOutcome outcome = _state.OnDaemonEvent(Create(HostA, 0x11, 0x22), _actions);

        Assert.That(outcome, Is.EqualTo(DaemonOutcome.Installed));
        Assert.That(_actions, Is.EqualTo(new SwitchAction[] { new InstallQpEntry(new QpKey(HostA, Remote, 0x22), 0x11, 0) }));
    }

    [Test]
    public void OnDaemonEvent_CreateBeforeHandshake_WaitsThenInstallsOnDigest()
    {
        DaemonOutcome outcome = _state.OnDaemonEvent(Create(HostA, 0x11, 0x22), _actions);
        Assert.That(outcome, Is.EqualTo(DaemonOutcome.Pending));
        Assert.That(_actions, Is.Empty);

        _time.Advance(TimeSpan.FromSeconds(1));
        HandshakeResult result = _state.OnHandshake(new HostPair(HostA, Remote), _actions);

        Assert.That(result.NewPair, Is.True);
        Assert.That(result.Promoted, Is.EqualTo(new[] { (new LocalQp(HostA, 0x11), DaemonOutcome.Installed) }));
        Assert.That(_actions.OfType<InstallQpEntry>().Single().Key, Is.EqualTo(new QpKey(HostA, Remote, 0x22)));
        Assert.That(_state.Registrations.PendingCount, Is.Zero);
    }

    [Test]
    public void Tick_GraceOver_PendingDroppedAndLaterDigestInstallsNothing()
    {
        _state.OnDaemonEvent(Create(HostA, 0x11, 0x22), _actions);
        _time.Advance(TimeSpan.FromSeconds(2));

        TickResult tick = _state.Tick(_actions);
        HandshakeResult result = _state.OnHandshake(new HostPair(HostA, Remote), _actions);

        Assert.That(tick.ExpiredPending, Is.EqualTo(1));
        Assert.That(result.Promoted, Is.Empty);
        Assert.That(_actions.OfType<InstallQpEntry>(), Is.Empty);
    }

    [Test]
    public void OnDaemonEvent_DuplicateCreate_IsIdempotent()
    {
        _state.OnHandshake(new HostPair(HostA, Remote), _actions);
        _state.OnDaemonEvent(Create(HostA, 0x11, 0x22), _actions);
        _actions.Clear();

        Assert.That(_state.OnDaemonEvent(Create(HostA, 0x11, 0x22), _actions), Is.EqualTo(DaemonOutcome.Duplicate));
        Assert.That(_actions, Is.Empty);
        Assert.That(_state.Slots.InUse, Is.EqualTo(1));
    }

    [Test]
    public void OnDaemonEvent_DuplicatePendingCreate_IsIdempotent()
    {
        _state.OnDaemonEvent(Create(HostA, 0x11, 0x22), _actions);

        Assert.That(_state.OnDaemonEvent(Create(HostA, 0x11, 0x22), _actions), Is.EqualTo(DaemonOutcome.Duplicate));
        Assert.That(_state.Registrations.PendingCount, Is.EqualTo(1));
    }

    [Test]
    public void OnDaemonEvent_Destroy_RemovesEntryResetsAndFreesSlot()
    {
        _state.OnHandshake(new HostPair(HostA, Remote), _actions);
        _state.OnDaemonEvent(Create(HostA, 0x11, 0x22), _actions);
        _actions.Clear();

        DaemonOutcome outcome = _state.OnDaemonEvent(Destroy(HostA, 0x11), _actions);

        Assert.That(outcome, Is.EqualTo(DaemonOutcome.Removed));
        Assert.That(_actions, Is.EqualTo(new SwitchAction[]
        {
            new RemoveQpEntry(new QpKey(HostA, Remote, 0x22), 0x11, 0),
            new ResetSlot(0),
        }));
        Assert.That(_state.Slots.InUse, Is.Zero);
        Assert.That(_state.OnDaemonEvent(Destroy(HostA, 0x11), _actions), Is.EqualTo(DaemonOutcome.UnknownQp), "a replayed destroy changes nothing");
    }

    [Test]
    public void OnDaemonEvent_DestroyFromOtherHost_DoesNotTouchEntry()
    {
        _state.OnHandshake(new HostPair(HostA, Remote), _actions);
        _state.OnDaemonEvent(Create(HostA, 0x11, 0x22), _actions);
        _actions.Clear();

        Assert.That(_state.OnDaemonEvent(Destroy(HostB, 0x11), _actions), Is.EqualTo(DaemonOutcome.UnknownQp));
        Assert.That(_actions, Is.Empty);
        Assert.That(_state.Registrations.InstalledCount, Is.EqualTo(1));
    }

    [Test]
    public void OnDaemonEvent_DestroyPending_DropsIt()
    {
        _state.OnDaemonEvent(Create(HostA, 0x11, 0x22), _actions);

        Assert.That(_state.OnDaemonEvent(Destroy(HostA, 0x11), _actions), Is.EqualTo(DaemonOutcome.PendingDropped));
        Assert.That(_state.OnHandshake(new HostPair(HostA, Remote), _actions).Promoted, Is.Empty);
    }

    [Test]
    public void OnDaemonEvent_QpReconnectedWithoutDestroy_ReplacesOldEntry()
    {
        _state.OnHandshake(new HostPair(HostA, Remote), _actions);
        _state.OnDaemonEvent(Create(HostA, 0x11, 0x22), _actions);
        _actions.Clear();

        DaemonOutcome outcome = _state.OnDaemonEvent(Create(HostA, 0x11, 0x33), _actions);

        Assert.That(outcome, Is.EqualTo(DaemonOutcome.Replaced));
        Assert.That(_actions.OfType<RemoveQpEntry>().Single().Key.RemoteQpn, Is.EqualTo(0x22u));
        Assert.That(_actions.OfType<InstallQpEntry>().Single().Key.RemoteQpn, Is.EqualTo(0x33u));
        Assert.That(_state.Slots.InUse, Is.EqualTo(1));
    }

    [Test]
    public void OnDaemonEvent_SlotsExhausted_InstallsNothingAndKeepsOthers()
    {
        _state.OnHandshake(new HostPair(HostA, Remote), _actions);
        for (uint qpn = 1; qpn <= 4; qpn++)
        {
            Assert.That(_state.OnDaemonEvent(Create(HostA, qpn, qpn + 100), _actions), Is.EqualTo(DaemonOutcome.Installed));
        }

        _actions.Clear();
        Assert.That(_state.OnDaemonEvent(Create(HostA, 5, 105), _actions), Is.EqualTo(DaemonOutcome.SlotsExhausted));
        Assert.That(_actions, Is.Empty);
        Assert.That(_state.Registrations.InstalledCount, Is.EqualTo(4));

        _state.OnDaemonEvent(Destroy(HostA, 2), _actions);
        Assert.That(_state.OnDaemonEvent(Create(HostA, 5, 105), _actions), Is.EqualTo(DaemonOutcome.Installed));
    }

    [TestCase(0x1000000u, 1u, Remote)]
    [TestCase(1u, 0x1000000u, Remote)]
    [TestCase(1u, 2u, 0xE0000001u)]
    [TestCase(1u, 2u, HostA)]
    [TestCase(1u, 2u, 0u)]
    public void OnDaemonEvent_FieldsOutOfRange_Invalid(uint localQpn, uint remoteQpn, uint remoteIp)
    {
        _state.OnHandshake(new HostPair(HostA, Remote), _actions);
        _actions.Clear();

        Assert.That(_state.OnDaemonEvent(Create(HostA, localQpn, remoteQpn, remoteIp), _actions), Is.EqualTo(DaemonOutcome.Invalid));
        Assert.That(_actions, Is.Empty);
    }

    [Test]
    public void OnDaemonEvent_PendingPerHostLimit_RefusesOnlyThatHost()
    {
        _state = NewState(slots: 4, maxPending: 4, perHost: 2);
        Assert.That(_state.OnDaemonEvent(Create(HostA, 1, 1), _actions), Is.EqualTo(DaemonOutcome.Pending));
        Assert.That(_state.OnDaemonEvent(Create(HostA, 2, 2), _actions), Is.EqualTo(DaemonOutcome.Pending));
        Assert.That(_state.OnDaemonEvent(Create(HostA, 3, 3), _actions), Is.EqualTo(DaemonOutcome.PendingFull));
        Assert.That(_state.OnDaemonEvent(Create(HostB, 1, 1), _actions), Is.EqualTo(DaemonOutcome.Pending));
    }

    [Test]
    public void OnCnpCopy_RegisteredQp_InsertsThenClearsCacheOnce()
    {
        _state.OnHandshake(new HostPair(HostA, Remote), _actions);
        _state.OnDaemonEvent(Create(HostA, 0x11, 0x22), _actions);
        _actions.Clear();
        var qp = new LocalQp(HostA, 0x11);

        Assert.That(_state.OnCnpCopy(qp, 7, 0xABCD8000, _actions), Is.EqualTo(CnpOutcome.Inserted));
        Assert.That(_actions, Is.EqualTo(new SwitchAction[] { new InstallCnpStoreEntry(qp, 0), new ResetCnpCache(7, 0xABCD8000) }));

        _actions.Clear();
        Assert.That(_state.OnCnpCopy(qp, 7, 0xABCD8000, _actions), Is.EqualTo(CnpOutcome.Refreshed));
        Assert.That(_actions, Is.EqualTo(new SwitchAction[] { new ResetCnpCache(7, 0xABCD8000) }));
    }

    [Test]
    public void OnCnpCopy_UnknownQp_Ignored()
    {
        Assert.That(_state.OnCnpCopy(new LocalQp(HostA, 0x11), 7, 1, _actions), Is.EqualTo(CnpOutcome.UnknownQp));
        Assert.That(_actions, Is.Empty);
    }

    [Test]
    public void OnCnpCopy_CacheIndexOutOfRange_Malformed()
    {
        _state.OnHandshake(new HostPair(HostA, Remote), _actions);
        _state.OnDaemonEvent(Create(HostA, 0x11, 0x22), _actions);
        _actions.Clear();

        Assert.That(_state.OnCnpCopy(new LocalQp(HostA, 0x11), 64, 1, _actions), Is.EqualTo(CnpOutcome.Malformed));
        Assert.That(_actions, Is.Empty);
    }

    [Test]
    public void OnDaemonEvent_DestroyWithCnpStoreEntry_RemovesBoth()
    {
        _state.OnHandshake(new HostPair(HostA, Remote), _actions);
        _state.OnDaemonEvent(Create(HostA, 0x11, 0x22), _actions);
        var qp = new LocalQp(HostA, 0x11);
        _state.OnCnpCopy(qp, 3, 1, _actions);
        _actions.Clear();

        _state.OnDaemonEvent(Destroy(HostA, 0x11), _actions);

        Assert.That(_actions, Does.Contain(new RemoveCnpStoreEntry(qp)));
        Assert.That(_state.CnpStore.Count, Is.Zero);
    }

    [Test]
    public void OnCnpStoreIdle_KnownEntry_Removed()
    {
        _state.OnHandshake(new HostPair(HostA, Remote), _actions);
        _state.OnDaemonEvent(Create(HostA, 0x11, 0x22), _actions);
        var qp = new LocalQp(HostA, 0x11);
        _state.OnCnpCopy(qp, 3, 1, _actions);
        _actions.Clear();

        Assert.That(_state.OnCnpStoreIdle(qp, _actions), Is.True);
        Assert.That(_actions, Is.EqualTo(new SwitchAction[] { new RemoveCnpStoreEntry(qp) }));
        Assert.That(_state.OnCnpStoreIdle(qp, _actions), Is.False);
    }

    [Test]
    public void OnInstallRefused_QpEntry_FreesSlotAndForgetsEntry()
    {
        _state = NewState(slots: 1);
        _state.OnHandshake(new HostPair(HostA, Remote), _actions);
        _state.OnDaemonEvent(Create(HostA, 0x11, 0x22), _actions);
        InstallQpEntry install = _actions.OfType<InstallQpEntry>().Single();

        _state.OnInstallRefused(install, _actions);

        Assert.That(_state.Slots.InUse, Is.Zero);
        Assert.That(_state.Registrations.InstalledCount, Is.Zero);
        _actions.Clear();
        Assert.That(_state.OnDaemonEvent(Create(HostA, 0x11, 0x22), _actions), Is.EqualTo(DaemonOutcome.Installed), "the daemon's retry goes through");
        Assert.That(_actions.OfType<ResetSlot>(), Is.Not.Empty, "the refused slot is reset before reuse");
    }

    [Test]
    public void OnInstallRefused_RegistrationRecreatedInSameSlotMeanwhile_KeepsTheNewOne()
    {
        // The serving loop decides the next batch while a Write is out: the refusal of the first install arrives
        // after the QP was destroyed and registered again, and with one slot the new registration got the same slot.
        _state = NewState(slots: 1);
        _state.OnHandshake(new HostPair(HostA, Remote), _actions);
        _state.OnDaemonEvent(Create(HostA, 0x11, 0x22), _actions);
        InstallQpEntry first = _actions.OfType<InstallQpEntry>().Single();
        _actions.Clear();
        _state.OnDaemonEvent(new DaemonEvent(HostA, DaemonEventKind.Destroy, 0, 0x11, 0), _actions);
        _state.OnDaemonEvent(Create(HostA, 0x11, 0x22), _actions);
        InstallQpEntry second = _actions.OfType<InstallQpEntry>().Single();
        Assert.That(second, Is.EqualTo(first), "same key, same slot");
        var followUps = new List<SwitchAction>();

        _state.OnInstallRefused(first, followUps);

        Assert.That(_state.Slots.InUse, Is.EqualTo(1), "the slot stays with the newer registration");
        Assert.That(_state.Registrations.InstalledCount, Is.EqualTo(1));
        Assert.That(followUps, Is.Empty);
        _state.OnInstallRefused(second, followUps);
        Assert.That(_state.Slots.InUse, Is.Zero, "the newer registration's own refusal frees it");
    }

    [Test]
    public void OnInstallRefused_CnpStoreRecordedMeanwhile_RemovalFollowsUp()
    {
        _state.OnHandshake(new HostPair(HostA, Remote), _actions);
        _state.OnDaemonEvent(Create(HostA, 0x11, 0x22), _actions);
        InstallQpEntry install = _actions.OfType<InstallQpEntry>().Single();
        var qp = new LocalQp(HostA, 0x11);
        _state.OnCnpCopy(qp, 3, 1, _actions);
        var followUps = new List<SwitchAction>();

        _state.OnInstallRefused(install, followUps);

        Assert.That(followUps, Is.EqualTo(new SwitchAction[] { new RemoveCnpStoreEntry(qp) }), "a later batch may have installed it");
        Assert.That(_state.CnpStore.Count, Is.Zero);
    }

    [Test]
    public void Rebuild_FromSwitchEntries_KeepsValidAndRemovesConflicts()
    {
        var keep = new InstalledQp(new QpKey(HostA, Remote, 0x22), 0x11, 2);
        var sameSlot = new InstalledQp(new QpKey(HostB, Remote, 0x23), 0x12, 2);
        var sameLocalQp = new InstalledQp(new QpKey(HostA, Remote, 0x24), 0x11, 3);
        var outOfRange = new InstalledQp(new QpKey(HostB, Remote, 0x25), 0x13, 99);
        var cnpKeep = (new LocalQp(HostA, 0x11), 2);
        var cnpOrphan = (new LocalQp(HostB, 0x77), 1);

        RebuildReport report = _state.Rebuild(
            [keep, sameSlot, sameLocalQp, outOfRange], [cnpKeep, cnpOrphan], cookieSecretOnSwitch: 0x55, freshPipeline: false, _actions);

        Assert.That(report, Is.EqualTo(new RebuildReport(1, 3)));
        Assert.That(_actions.OfType<RemoveQpEntry>().Select(r => r.Key), Is.EquivalentTo(new[] { sameSlot.Key, sameLocalQp.Key, outOfRange.Key }));
        Assert.That(_actions.OfType<RemoveCnpStoreEntry>().Single().Qp, Is.EqualTo(cnpOrphan.Item1));
        Assert.That(_actions.OfType<SetCookieSecrets>().Single().Previous, Is.EqualTo(0x55UL));
        Assert.That(_state.Pairs.Contains(new HostPair(HostA, Remote)), Is.True, "an installed entry proves its pair");

        // The adopted slot is never handed out again; the other free slots are reset before use.
        _actions.Clear();
        var handed = new List<int>();
        for (uint qpn = 100; qpn < 103; qpn++)
        {
            Assert.That(_state.OnDaemonEvent(Create(HostA, qpn, qpn), _actions), Is.EqualTo(DaemonOutcome.Installed));
        }

        Assert.That(_actions.OfType<InstallQpEntry>().Select(i => i.Slot), Is.EquivalentTo(new[] { 0, 1, 3 }));
        Assert.That(_actions.OfType<ResetSlot>().Select(r => r.Slot), Is.EquivalentTo(new[] { 0, 1, 3 }));
        Assert.That(_state.OnDaemonEvent(Create(HostA, 200, 200), _actions), Is.EqualTo(DaemonOutcome.SlotsExhausted));
    }

    [Test]
    public void Tick_RotationDue_RotatesSecrets()
    {
        _state.Rebuild([], [], null, freshPipeline: true, _actions);
        SetCookieSecrets start = _actions.OfType<SetCookieSecrets>().Single();
        _actions.Clear();

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.That(_state.Tick(_actions).SecretsRotated, Is.False);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(_state.Tick(_actions).SecretsRotated, Is.True);

        SetCookieSecrets rotated = _actions.OfType<SetCookieSecrets>().Single();
        Assert.That(rotated.Previous, Is.EqualTo(start.Current));
        Assert.That(rotated.Current, Is.Not.EqualTo(start.Current));
    }

    [Test]
    public void Tick_PairExpires_ClearsItsDataPlaneMark()
    {
        _state.OnHandshake(new HostPair(HostA, Remote), _actions, dataPlaneIndex: 77);
        _actions.Clear();

        _time.Advance(TimeSpan.FromMinutes(10));
        TickResult tick = _state.Tick(_actions);

        Assert.That(tick.ExpiredPairs, Is.EqualTo(1));
        Assert.That(_actions, Does.Contain(new ClearVerifiedPair(77)));
    }

    [Test]
    public void OnHandshake_BogusPair_Ignored()
    {
        HandshakeResult result = _state.OnHandshake(new HostPair(0, Remote), _actions);

        Assert.That(result.NewPair, Is.False);
        Assert.That(_state.Pairs.Count, Is.Zero);
    }
}
