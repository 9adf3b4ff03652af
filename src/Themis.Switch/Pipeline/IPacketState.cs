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
    /// A fresh state that keeps only the user-metadata fields of <c>@field_list(index)</c>, all other
    /// metadata zero and every header invalid (BMv2 resets the copy's PHV, then copies the field list):
    /// used for clones, resubmits and recirculations. The parser must keep these preserved values.
    /// </summary>
    IPacketState PreserveFieldList(int fieldListIndex);
}
