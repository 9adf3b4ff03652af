using Themis.Controller.Tests.Support;
using Themis.Packets.SwitchInternal;
using Themis.Switch.Server;

namespace Themis.Controller.Tests.Switch;

/// <summary>
/// Two controllers, one switch: the standby takes over when the primary goes, under the specification's
/// arbitration (the highest id ever seen; the standby must announce a higher one) and under PI's (BMv2: the
/// highest connected id), and adopts the flows the primary installed.
/// </summary>
[Category("Integration")]
[CancelAfter(60_000)]
[TestFixture(ArbitrationMode.Spec)]
[TestFixture(ArbitrationMode.Pi)]
public sealed class FailoverTests(ArbitrationMode mode)
{
    private EswBench _bench = null!;

    [SetUp]
    public async Task StartSwitch() => _bench = await EswBench.StartAsync(executeProgram: false, mode);

    [TearDown]
    public Task StopSwitch() => _bench.EndTestAsync();

    [Test]
    public async Task PrimaryStops_StandbyTakesOverWithinBound_AdoptsFlows(CancellationToken token)
    {
        RunningController primary = _bench.Start(10);
        await primary.WaitPrimaryAsync(token);
        RunningController standby = _bench.Start(5);
        await standby.WaitForAsync(s => s.Role == ControllerRole.Standby, token);
        _bench.InjectDigest(EswBench.HostA, EswBench.RemoteHost, 7);
        await primary.WaitForAsync(s => s.VerifiedPairs == 1, token);
        await _bench.InjectPacketInAsync(new PacketInHeader(1, PuntReason.DaemonPacket, 0, 0, 0, 0), EswBench.DaemonFrame(EswBench.HostA, create: true, 1, 0x11, 0x222));
        await primary.WaitForAsync(s => s.InstalledFlows == 1, token);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await primary.StopAsync();
        ControllerStatus taken = await standby.WaitPrimaryAsync(token, seconds: 10);
        TimeSpan takeover = clock.Elapsed;

        Assert.That(taken.PipelinePushed, Is.False, "the standby adopts the running pipeline");
        Assert.That(taken.InstalledFlows, Is.EqualTo(1), "and the primary's flows");
        Assert.That(taken.SlotsInUse, Is.EqualTo(1));
        Assert.That(takeover, Is.LessThan(TimeSpan.FromSeconds(5)));
        if (mode == ArbitrationMode.Spec)
        {
            Assert.That(UInt128.Parse(taken.ElectionId), Is.GreaterThan((UInt128)10), "under the specification the standby must outbid the id seen");
        }
        else
        {
            Assert.That(taken.ElectionId, Is.EqualTo("5"), "PI promotes the highest connected id as it is");
        }
    }

    [Test]
    public async Task StandbyConnectsFirstWithLowerId_HigherIdTakesPrimary_LowerStandsBy(CancellationToken token)
    {
        RunningController low = _bench.Start(5);
        await low.WaitPrimaryAsync(token);
        RunningController high = _bench.Start(10);
        await high.WaitPrimaryAsync(token);

        ControllerStatus demoted = await low.WaitForAsync(s => s.Role == ControllerRole.Standby, token);

        Assert.That(demoted.Role, Is.EqualTo(ControllerRole.Standby));
        Assert.That(high.Status.PipelinePushed, Is.False);
    }

    // A controller that loses primacy and gets it back keeps the pairs it verified: the switch will not digest a
    // verified pair again, so forgetting it would leave the pair's hosts unable to register until they reconnect.
    [Test]
    public async Task PrimaryDisplacedThenBack_KeepsItsVerifiedPairs_RegistrationInstalls(CancellationToken token)
    {
        RunningController first = _bench.Start(5);
        await first.WaitPrimaryAsync(token);
        _bench.InjectDigest(EswBench.HostA, EswBench.RemoteHost, 7);
        await first.WaitForAsync(s => s.VerifiedPairs == 1, token);

        RunningController second = _bench.Start(10);
        await second.WaitPrimaryAsync(token);
        await first.WaitForAsync(s => s.Role == ControllerRole.Standby, token);
        await second.StopAsync();
        ControllerStatus back = await first.WaitPrimaryAsync(token, seconds: 10);

        Assert.That(back.PipelinePushed, Is.False, "the pipeline is adopted");
        Assert.That(back.VerifiedPairs, Is.EqualTo(1), "the pair verified before is still verified");
        await _bench.InjectPacketInAsync(new PacketInHeader(1, PuntReason.DaemonPacket, 0, 0, 0, 0), EswBench.DaemonFrame(EswBench.HostA, create: true, 1, 0x11, 0x222));
        ControllerStatus served = await first.WaitForAsync(s => s.InstalledFlows == 1, token);
        Assert.That(served.PendingRegistrations, Is.Zero, "installed at once, not held for a handshake that will not come");
    }
}
