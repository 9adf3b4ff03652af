using Themis.Switch.Pipeline;

namespace Themis.Switch.Tests.Server;

/// <summary>
/// A program written against the executor interface: frames from the CPU carry a 2-byte
/// packet_out header (9-bit egress port + 7 pad bits) that is removed before forwarding; frames
/// from other ports go to the CPU with a 2-byte packet_in header (9-bit ingress port).
/// </summary>
internal sealed class ReflectorProgram(uint cpuPort) : IPipelineProgram, IPipelineInstance
{
    public IPipelineInstance Instantiate(SwitchState state) => this;

    public void Ingress(PacketContext packet)
    {
        if (packet.Metadata.IngressPort == cpuPort)
        {
            packet.Metadata.EgressSpec = (uint)((packet.Data[0] << 1) | (packet.Data[1] >> 7));
        }
        else
        {
            packet.Metadata.EgressSpec = cpuPort;
        }
    }

    public void Egress(PacketContext packet)
    {
        if (packet.Metadata.IngressPort == cpuPort)
        {
            packet.Output = packet.Data[2..];
            return;
        }

        uint port = packet.Metadata.IngressPort;
        packet.Output = [(byte)(port >> 1), (byte)((port & 1) << 7), .. packet.Data];
    }
}
