namespace Themis.Switch.Pipeline;

/// <summary>
/// Program-owned per-packet state (parsed headers and user metadata) that travels with the packet
/// from ingress to egress, copied for every replica.
/// </summary>
public interface IPacketState
{
    /// <summary>A deep copy, for replicas and clones.</summary>
    IPacketState Clone();

    /// <summary>
    /// Copies the fields of <c>@field_list(index)</c> from <paramref name="source"/> into this state, which
    /// starts with all user metadata zero (BMv2 resets metadata before restoring a field list).
    /// </summary>
    void RestoreFieldList(IPacketState source, int fieldListIndex);
}
