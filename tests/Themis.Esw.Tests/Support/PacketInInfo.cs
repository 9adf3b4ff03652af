using Themis.Packets.SwitchInternal;

namespace Themis.Esw.Tests.Support;

/// <summary>A packet-in with its <c>packet_in</c> metadata decoded (header.p4 <c>packet_in_header_t</c>).</summary>
public sealed record PacketInInfo(PuntReason Reason, uint IngressPort, ushort Slot, uint LocalQpn, uint CacheIndex, uint CacheEntry, byte[] Payload)
{
    public override string ToString() =>
        $"packet-in reason {Reason}, ingress port {IngressPort}, slot {Slot}, local QPN {LocalQpn}, cache [{CacheIndex}] = 0x{CacheEntry:x8}, {Payload.Length} bytes";
}
