namespace Themis.Switch.Pipeline;

/// <summary>The program of a control-plane-only pipeline: every packet is dropped in ingress.</summary>
internal sealed class DropAllProgram : IPipelineProgram, IPipelineInstance
{
    public static DropAllProgram Instance { get; } = new();

    public IPipelineInstance Instantiate(SwitchState state) => this;

    public void Ingress(PacketContext packet)
    {
        packet.Metadata.EgressSpec = SwitchConstants.DropPort;
        packet.Trace?.Add("control-plane-only pipeline: dropped");
    }

    public void Egress(PacketContext packet) => packet.Output = [];
}
