using Themis.Esw.Tests.Support;
using Themis.Packets.SwitchInternal;
using static Themis.Esw.Tests.Support.EswTopology;

namespace Themis.Esw.Tests.Trp;

/// <summary>
/// Leaving throttling after beta without CNPs (DESIGN §3.6–3.7): packets still in the loop leave on their next pass,
/// new ones loop once behind them, so the receiver sees PSNs in order; direct recovery lets new packets overtake.
/// The loop is held (a slow loop) so packets are still in it when beta expires.
/// </summary>
[TestFixture(Target.Embedded)]
[TestFixture(Target.Remote, Category = "Bmv2")]
public sealed class TrpRecoveryTests(Target target) : TrpTestBase(target)
{
    private const ulong BetaUs = 30_000;

    [Test]
    public async Task Recovery_BurstAcrossBeta_DeliveredInPsnOrderThenNormal()
    {
        await SetParamsAsync(EswParams.Baseline with { BetaUs = BetaUs });
        await RegisterFlowAsync();
        await SendCnpAsync();
        Switch.Loop.Hold();
        for (uint psn = 1; psn <= 4; psn++)
        {
            await SendPacketAsync(WanPort, Data(psn));
        }

        await Switch.Loop.WaitForAsync(log => log.Count == 4, Timeouts.Packet, "the first four packets", Ct);
        await Task.Delay(TimeSpan.FromMilliseconds(BetaUs / 1000 * 2), Ct);
        for (uint psn = 5; psn <= 8; psn++)
        {
            await SendPacketAsync(WanPort, Data(psn));
        }

        await Switch.Loop.WaitForAsync(log => log.Count == 8, Timeouts.Packet, "all eight packets in the loop", Ct);
        await ExpectNoPacketAsync(DcPortA);
        await Switch.Loop.ReleaseAsync(Ct);

        Assert.That(await DeliveredPsnsAsync(8), Is.EqualTo(new uint[] { 1, 2, 3, 4, 5, 6, 7, 8 }));
        await SendPacketAsync(WanPort, Data(9));
        await ExpectPacketAsync(DcPortA, Delivered(9));
        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.TrpRecoverEntered, 1), (EswEvent.TrpRecoverOnePass, 4), (EswEvent.TrpNormalRestored, 1), (EswEvent.TrpThrottled, 8));
        ControlHeader slot = await ReadSlotAsync(Slot);
        Assert.That((slot.FlowState, slot.InLoop, slot.CnpNum, slot.Alpha, slot.LoopNum), Is.EqualTo((FlowState.Normal, (ushort)0, 0u, (ushort)3, (byte)0)),
            "NORMAL, loop empty, cnp_num 0, alpha 6/2, loop_num 1/2");
    }

    [Test]
    public async Task Recovery_OldestPacketBehindNewerOnesInTheLoop_StillDeliveredFirst()
    {
        await SetParamsAsync(EswParams.Baseline with { BetaUs = BetaUs });
        await RegisterFlowAsync();
        for (int i = 0; i < 7; i++)
        {
            await SendCnpAsync(); // Algorithm 1 with alpha0 5: loop_num 1 after the first CNP, 2 after the seventh
        }

        Switch.Loop.Hold();
        for (uint psn = 1; psn <= 3; psn++)
        {
            await SendPacketAsync(WanPort, Data(psn));
        }

        await Switch.Loop.WaitForAsync(log => log.Count == 3, Timeouts.Packet, "packets 1-3 entering the loop", Ct);
        // Packet 1 makes its first pass and goes round again: the loop now holds 2, 3, 1.
        await Switch.Loop.ReleaseOneAsync(Ct);
        await Switch.Loop.WaitForAsync(log => log.Count == 4, Timeouts.Packet, "packet 1 back in the loop", Ct);
        await Task.Delay(TimeSpan.FromMilliseconds(BetaUs / 1000 * 2), Ct);
        await SendPacketAsync(WanPort, Data(4)); // after beta: RECOVER, loops once behind the others
        await Switch.Loop.WaitForAsync(log => log.Count == 5, Timeouts.Packet, "packet 4 in the loop", Ct);
        await ExpectNoPacketAsync(DcPortA);
        await Switch.Loop.ReleaseAsync(Ct);

        // Packets 2 and 3 come back first but must wait for packet 1 (one extra pass each), then 4 for 3.
        Assert.That(await DeliveredPsnsAsync(4), Is.EqualTo(new uint[] { 1, 2, 3, 4 }));
        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.TrpRecoverEntered, 1), (EswEvent.TrpLoopExit, 4), (EswEvent.TrpNormalRestored, 1));
        Assert.That(Switch.Loop.LoopedPackets.Any(p => p.Header.Held > 0), Is.True, "some packet waited for an older one");
    }

    [Test]
    public async Task DirectRecovery_AfterBeta_NewPacketsOvertakeTheLoop()
    {
        await SetParamsAsync(EswParams.Baseline with { BetaUs = BetaUs, DirectRecovery = true });
        await RegisterFlowAsync();
        await SendCnpAsync();
        Switch.Loop.Hold();
        for (uint psn = 1; psn <= 3; psn++)
        {
            await SendPacketAsync(WanPort, Data(psn));
        }

        await Switch.Loop.WaitForAsync(log => log.Count == 3, Timeouts.Packet, "three packets in the loop", Ct);
        await Task.Delay(TimeSpan.FromMilliseconds(BetaUs / 1000 * 2), Ct);
        await SendPacketAsync(WanPort, Data(4));
        await ExpectPacketAsync(DcPortA, Delivered(4));
        await Switch.Loop.ReleaseAsync(Ct);

        Assert.That(await DeliveredPsnsAsync(3), Is.EqualTo(new uint[] { 1, 2, 3 }));
        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.TrpRecoverEntered, 1), (EswEvent.TrpRecoverOnePass, 0), (EswEvent.TrpThrottled, 3));
        Assert.That((await ReadSlotAsync(Slot)).FlowState, Is.EqualTo(FlowState.Normal));
    }
}
