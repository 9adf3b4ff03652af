namespace Themis.Switch.Pipeline;

/// <summary>
/// Program-owned per-packet state (parsed headers and user metadata) that travels with the packet
/// from ingress to egress, copied for every replica.
/// </summary>
public interface IPacketState
{
    /// <summary>A deep copy, for multicast replicas.</summary>
    IPacketState Clone();

    /// <summary>
    /// A state for a clone, resubmit or recirculation: user metadata reset except the fields of
    /// <c>@field_list(index)</c> (-1: none), headers kept as they are. An egress-to-egress clone uses
    /// those headers (BMv2 copies the PHV and resets its metadata); for the other kinds the program
    /// parses the packet again and must keep the preserved metadata values.
    /// </summary>
    IPacketState PreserveFieldList(int fieldListIndex);
}
