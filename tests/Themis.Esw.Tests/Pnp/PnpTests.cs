using Themis.Esw.Tests.Support;
using Themis.Packets.IPv4;
using Themis.Packets.RoCE;
using static Themis.Esw.Tests.Support.EswTopology;

namespace Themis.Esw.Tests.Pnp;

/// <summary>
/// The Proactive Notification Point (DESIGN §3.4): a CE-marked data packet of a registered inter-DC flow leaving
/// the DC makes the ESW send a CNP back to the sender's QP (at most one per cnp_interval) and leaves with ECT(0).
/// </summary>
[TestFixture(Target.Embedded)]
[TestFixture(Target.Remote, Category = "Bmv2")]
public sealed class PnpTests(Target target) : EswTestBase(target)
{
    private const uint SenderQpn = 0x000A11;   // host A's QP (the CNP's DestQP)
    private const uint ReceiverQpn = 0x000B22; // the remote QP (the data's DestQP)
    private const ushort Slot = 7;

    private async Task RegisterFlowAsync(TestHost sender) =>
        await InsertQpFieldAsync(sender.Ip, RemoteHost.Ip, ReceiverQpn, SenderQpn, Slot);

    private static byte[] Data(TestHost sender, uint psn, Ecn ecn, ushort pKey = Bth.DefaultPKey) =>
        EswPackets.RoceData(sender, RemoteHost, ReceiverQpn, psn, ecn, payloadBytes: 256, pKey: pKey, udpSourcePort: 0xC123);

    private static byte[] CnpFor(byte[] data, byte dscp = RoceV2.DefaultCnpDscp)
    {
        Assert.That(RoceV2Frame.TryParse(data, out RoceV2Frame parsed), Is.EqualTo(RoceV2ParseStatus.Ok));
        return RoceV2Packets.BuildCnpFor(parsed, SenderQpn, SwitchMac, dscp);
    }

    private static void AssertIcrcValid(byte[] frame, string what)
    {
        Assert.That(RoceV2Frame.TryParse(frame, out RoceV2Frame parsed), Is.EqualTo(RoceV2ParseStatus.Ok), what);
        Assert.That(parsed.IcrcValid, Is.True, $"{what}: ICRC");
    }

    [TestCase(DcPortA)]
    [TestCase(DcPortB)]
    public async Task CeData_RegisteredFlow_CnpToTheSenderAndOriginalForwardedWithEct0(uint port)
    {
        TestHost sender = port == DcPortA ? HostA : HostB;
        await RegisterFlowAsync(sender);
        byte[] data = Data(sender, 100, Ecn.CongestionExperienced, pKey: 0x8001);

        await SendPacketAsync(port, data);

        byte[] cnp = await ExpectPacketAsync(port, CnpFor(data));
        byte[] forwarded = await ExpectPacketAsync(WanPort, EswPackets.Routed(EswPackets.WithEcn(data, Ecn.Ect0), WanRouterMac));
        AssertIcrcValid(cnp, "CNP");
        AssertIcrcValid(forwarded, "forwarded data (ECN and TTL are masked in the ICRC)");
        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.PnpCeSeen, 1), (EswEvent.PnpCnpGenerated, 1), (EswEvent.PnpCeCleared, 1), (EswEvent.PnpCnpSuppressed, 0));
        Assert.That((await ReadSlotAsync(Slot)).LastCnp, Is.Not.Zero, "last_cnp[slot] records the CNP time");
    }

    [Test]
    public async Task CeData_ConfiguredDscp_CnpCarriesIt()
    {
        await SetParamsAsync(EswParams.Baseline with { CnpDscp = 26 });
        await RegisterFlowAsync(HostA);
        byte[] data = Data(HostA, 1, Ecn.CongestionExperienced);

        await SendPacketAsync(DcPortA, data);

        await ExpectPacketAsync(DcPortA, CnpFor(data, dscp: 26));
        await ExpectPacketAsync(WanPort, EswPackets.Routed(EswPackets.WithEcn(data, Ecn.Ect0), WanRouterMac));
        await ExpectNoOtherPacketsAsync();
    }

    [Test]
    public async Task SecondCe_InsideCnpInterval_NoSecondCnpButCeStillCleared()
    {
        await SetParamsAsync(EswParams.Baseline with { CnpIntervalUs = 10_000_000 });
        await RegisterFlowAsync(HostA);
        byte[] first = Data(HostA, 1, Ecn.CongestionExperienced), second = Data(HostA, 2, Ecn.CongestionExperienced);

        await SendPacketAsync(DcPortA, first);
        await SendPacketAsync(DcPortA, second);

        await ExpectPacketAsync(DcPortA, CnpFor(first));
        await ExpectPacketAsync(WanPort, EswPackets.Routed(EswPackets.WithEcn(first, Ecn.Ect0), WanRouterMac));
        await ExpectPacketAsync(WanPort, EswPackets.Routed(EswPackets.WithEcn(second, Ecn.Ect0), WanRouterMac));
        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.PnpCnpGenerated, 1), (EswEvent.PnpCnpSuppressed, 1), (EswEvent.PnpCeCleared, 2));
    }

    [Test]
    public async Task SecondCe_AfterCnpInterval_SecondCnp()
    {
        await SetParamsAsync(EswParams.Baseline with { CnpIntervalUs = 2_000 });
        await RegisterFlowAsync(HostA);
        byte[] first = Data(HostA, 1, Ecn.CongestionExperienced), second = Data(HostA, 2, Ecn.CongestionExperienced);

        await SendPacketAsync(DcPortA, first);
        await ExpectPacketAsync(DcPortA, CnpFor(first));
        await Task.Delay(20, Ct);
        await SendPacketAsync(DcPortA, second);

        await ExpectPacketAsync(DcPortA, CnpFor(second));
        await ExpectPacketAsync(WanPort, EswPackets.Routed(EswPackets.WithEcn(first, Ecn.Ect0), WanRouterMac));
        await ExpectPacketAsync(WanPort, EswPackets.Routed(EswPackets.WithEcn(second, Ecn.Ect0), WanRouterMac));
        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.PnpCnpGenerated, 2), (EswEvent.PnpCnpSuppressed, 0));
    }

    [Test]
    public async Task CeData_UnregisteredFlow_NoCnpAndCeLeftForTheRemoteReceiver()
    {
        byte[] data = Data(HostA, 5, Ecn.CongestionExperienced);

        await SendPacketAsync(DcPortA, data);

        await ExpectPacketAsync(WanPort, EswPackets.Routed(data, WanRouterMac));
        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.PnpCeSeen, 1), (EswEvent.PnpCeUnregistered, 1), (EswEvent.PnpCnpGenerated, 0));
    }

    [Test]
    public async Task NotCeData_RegisteredFlow_ForwardedUntouched()
    {
        await RegisterFlowAsync(HostA);
        byte[] data = Data(HostA, 6, Ecn.Ect0);

        await SendPacketAsync(DcPortA, data);

        await ExpectPacketAsync(WanPort, EswPackets.Routed(data, WanRouterMac));
        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.PnpCeSeen, 0), (EswEvent.PnpCnpGenerated, 0));
    }

    [Test]
    public async Task CeData_WanToDc_NotAPnpCase()
    {
        await RegisterFlowAsync(HostA);
        byte[] data = EswPackets.RoceData(RemoteHost, HostA, SenderQpn, 9, Ecn.CongestionExperienced);

        await SendPacketAsync(WanPort, data);

        await ExpectPacketAsync(DcPortA, EswPackets.Routed(data, HostA.Mac));
        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.PnpCeSeen, 0));
    }
}
