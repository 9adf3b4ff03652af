using Themis.Esw.Tests.Support;
using Themis.Packets.RoCE;
using Themis.Packets.SwitchInternal;
using static Themis.Esw.Tests.Support.EswTopology;

namespace Themis.Esw.Tests.Trp;

/// <summary>
/// TRP on a CNP (DESIGN §3.5–3.6): the CNP goes on to the WAN, a copy to the controller, the slot is THROTTLED and
/// the remote sender's data loops loop_num times before delivery; loop_num grows by Algorithm 1.
/// </summary>
[TestFixture(Target.Embedded)]
[TestFixture(Target.Remote, Category = "Bmv2")]
public sealed class TrpThrottleTests(Target target) : TrpTestBase(target)
{
    [SetUp]
    public Task LongBetaAsync() => SetParamsAsync(EswParams.Baseline with { BetaUs = 60_000_000 });

    [Test]
    public async Task Cnp_RegisteredFlow_ForwardedCopiedToCpuAndSlotThrottled()
    {
        await RegisterFlowAsync();
        byte[] cnp = Cnp();
        (uint index, ushort tag) = EswHashes.CacheSlot(HostA.Ip, ReceiverQpn);
        uint entry = ((uint)tag << 16) | 0x8000 | Slot;

        await SendPacketAsync(DcPortA, cnp);

        byte[] forwarded = await ExpectPacketAsync(WanPort, EswPackets.Routed(cnp, WanRouterMac));
        Assert.That(RoceV2Frame.TryParse(forwarded, out RoceV2Frame parsed) == RoceV2ParseStatus.Ok && parsed.IcrcValid, Is.True, "forwarded CNP keeps a valid ICRC");
        PacketInInfo copy = await ExpectPacketInAsync(PuntReason.CnpCopy);
        Assert.That(copy, Is.EqualTo(new PacketInInfo(PuntReason.CnpCopy, DcPortA, Slot, ReceiverQpn, index, entry, copy.Payload)));
        Assert.That(copy.Payload, Is.EqualTo(cnp), "the copy carries the CNP as received");
        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.TrpCnpSeen, 1), (EswEvent.TrpCnpCopied, 1), (EswEvent.TrpLoopNumRaised, 1));

        ControlHeader slot = await ReadSlotAsync(Slot);
        Assert.That((slot.FlowState, slot.CnpNum, slot.LoopNum, slot.Alpha), Is.EqualTo((FlowState.Throttled, 1u, (byte)1, (ushort)6)));
        Assert.That(await ReadCacheAsync(index), Is.EqualTo(entry), "cnp_cache[hash(A, A's QPN)]");
    }

    [Test]
    public async Task Cnp_UnregisteredFlow_ForwardedOnlyAndCounted()
    {
        byte[] cnp = Cnp();

        await SendPacketAsync(DcPortA, cnp);

        await ExpectPacketAsync(WanPort, EswPackets.Routed(cnp, WanRouterMac));
        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.TrpCnpSeen, 1), (EswEvent.TrpCnpUnregistered, 1), (EswEvent.TrpCnpCopied, 0));
    }

    [Test]
    public async Task Data_AfterOneCnp_LoopsOnceThenDelivered()
    {
        await RegisterFlowAsync();
        await SendCnpAsync();
        byte[] data = Data(1);

        await SendPacketAsync(WanPort, data);

        await ExpectPacketAsync(DcPortA, Delivered(1));
        Assert.That(Switch.Loop.Log, Has.Count.EqualTo(1));
        Assert.That(Switch.Loop.Log[0], Is.EqualTo(ThemisFrames.WithLoopHeader(data, loopsLeft: 1, slot: Slot)), () => PacketDiff.Describe(ThemisFrames.WithLoopHeader(data, 1, Slot), Switch.Loop.Log[0]));
        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.TrpCacheHit, 1), (EswEvent.TrpThrottled, 1), (EswEvent.TrpLoopPass, 1), (EswEvent.TrpLoopExit, 1));
    }

    [Test]
    public async Task LoopNum_AcrossCnps_GrowsAsAlgorithm1AndDataLoopsThatOften()
    {
        await RegisterFlowAsync();
        var model = new Algorithm1Model(EswParams.Baseline.Alpha0);
        for (int i = 0; i < 10; i++)
        {
            await SendCnpAsync();
            model.OnCnp();
            ControlHeader slot = await ReadSlotAsync(Slot);
            Assert.That((slot.CnpNum, slot.LoopNum, slot.Alpha), Is.EqualTo((model.CnpNum, model.LoopNum, model.Alpha)), $"after CNP {i + 1}");
        }

        await SendPacketAsync(WanPort, Data(42));

        await ExpectPacketAsync(DcPortA, Delivered(42));
        IReadOnlyList<(LoopHeader Header, byte[] Frame)> passes = Switch.Loop.LoopedPackets;
        Assert.That(passes.Select(p => (p.Header.LoopsLeft, p.Header.Passes)), Is.EqualTo(Enumerable.Range(0, model.LoopNum).Select(i => ((byte)(model.LoopNum - i), (byte)i))));
        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.TrpLoopPass, model.LoopNum), (EswEvent.TrpLoopNumRaised, 5));
    }

    [Test]
    public async Task Data_OtherQpOfTheSameHost_NotThrottled()
    {
        await RegisterFlowAsync();
        await SendCnpAsync();
        byte[] data = EswPackets.RoceData(RemoteHost, HostA, ReceiverQpn + 1, 5);

        await SendPacketAsync(WanPort, data);

        await ExpectPacketAsync(DcPortA, EswPackets.Routed(data, HostA.Mac));
        Assert.That(Switch.Loop.Log, Is.Empty);
        await ExpectNoOtherPacketsAsync();
    }

    [Test]
    public async Task Data_NoLoopPortConfigured_DeliveredDirectlyAndCounted()
    {
        await SetParamsAsync(EswParams.Baseline with { BetaUs = 60_000_000, LoopPort = EswParams.NoLoopPort });
        await RegisterFlowAsync();
        await SendCnpAsync();

        await SendPacketAsync(WanPort, Data(3));

        await ExpectPacketAsync(DcPortA, Delivered(3));
        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.TrpNoLoopPort, 1), (EswEvent.TrpThrottled, 0));
    }
}
