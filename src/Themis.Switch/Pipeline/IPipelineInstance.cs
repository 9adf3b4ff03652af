namespace Themis.Switch.Pipeline;

/// <summary>A program bound to one <see cref="SwitchState"/>: the two halves of the v1model pipeline.</summary>
public interface IPipelineInstance
{
    /// <summary>Runs parser, verifyChecksum and ingress; leaves egress_spec, mcast_grp and requests set.</summary>
    void Ingress(PacketContext packet);

    /// <summary>Runs egress, computeChecksum and the deparser; sets <see cref="PacketContext.Output"/>.</summary>
    void Egress(PacketContext packet);
}
