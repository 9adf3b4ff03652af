using Themis.Packets.SwitchInternal;

namespace Themis.Controller.Internal;

/// <summary>The packet_in metadata of one punted packet.</summary>
internal readonly record struct PacketInInfo(uint IngressPort, PuntReason Reason, int Slot, uint LocalQpn, int CacheIndex, uint CacheEntry);
