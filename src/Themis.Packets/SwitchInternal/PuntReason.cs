namespace Themis.Packets.SwitchInternal;

/// <summary>Why the switch sent a packet to the controller (packet_in.reason; PUNT_REASON_* in define.p4).</summary>
public enum PuntReason : byte
{
    None = 0,

    /// <summary>A daemon packet (UDP to the control IP and daemon port) from a DC-facing port; payload = the frame.</summary>
    DaemonPacket = 1,

    /// <summary>Copy of a CNP a local receiver sent toward the WAN; slot, local_qpn, cache_index and cache_entry are set.</summary>
    CnpCopy = 2,

    /// <summary>Answer to a control packet; payload = Ethernet + the control header with status and values filled in.</summary>
    ControlReply = 3,
}
