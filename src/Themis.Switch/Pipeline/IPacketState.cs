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

    /// <summary>
    /// Hands the state back to the program for reuse once its packet has left the switch or was
    /// dropped, by the pipeline loop (never concurrently with packet processing). Nothing may use the state afterwards; copies made by <see cref="Clone"/> and
    /// <see cref="PreserveFieldList"/> are independent and released on their own.
    /// </summary>
    void Release()
    {
    }
}
