using Themis.Esw.Tests.Support;
using Themis.Packets.SwitchInternal;
using static Themis.Esw.Tests.Support.EswTopology;

namespace Themis.Esw.Tests.Trp;

/// <summary>
/// The flow every TRP test uses (the paper's Figure 2, near-destination congestion): remote sender (WAN host, QP
/// <see cref="SenderQpn"/>) writes to DC host A's QP <see cref="ReceiverQpn"/>; A's NIC sends CNPs back toward the WAN.
/// </summary>
public abstract class TrpTestBase(Target target) : EswTestBase(target)
{
    protected const uint ReceiverQpn = 0x000C33;
    protected const uint SenderQpn = 0x000D44;
    protected const ushort Slot = 9;

    /// <summary>What the controller installed from host A's daemon report: (A, remote, remote QPN) → (A's QPN, slot).</summary>
    protected Task RegisterFlowAsync() => InsertQpFieldAsync(HostA.Ip, RemoteHost.Ip, SenderQpn, ReceiverQpn, Slot);

    protected static byte[] Cnp() => EswPackets.ReceiverCnp(HostA, RemoteHost, SenderQpn);

    protected static byte[] Data(uint psn) => EswPackets.RoceData(RemoteHost, HostA, ReceiverQpn, psn, payloadBytes: 64);

    protected static byte[] Delivered(uint psn) => EswPackets.Routed(Data(psn), HostA.Mac);

    /// <summary>Sends a CNP from A and consumes what it must cause: the CNP forwarded to the WAN and its copy to the CPU.</summary>
    protected async Task<PacketInInfo> SendCnpAsync()
    {
        byte[] cnp = Cnp();
        await SendPacketAsync(DcPortA, cnp);
        await ExpectPacketAsync(WanPort, EswPackets.Routed(cnp, WanRouterMac));
        return await ExpectPacketInAsync(PuntReason.CnpCopy);
    }

    /// <summary>The PSNs of the next <paramref name="count"/> frames delivered to host A, in arrival order.</summary>
    protected async Task<List<uint>> DeliveredPsnsAsync(int count)
    {
        var psns = new List<uint>();
        for (int i = 0; i < count; i++)
        {
            byte[] frame = await ReceivePacketAsync(DcPortA);
            uint psn = EswPackets.PsnOf(frame);
            Assert.That(frame, Is.EqualTo(Delivered(psn)), () => PacketDiff.Describe(Delivered(psn), frame));
            psns.Add(psn);
        }

        return psns;
    }
}
