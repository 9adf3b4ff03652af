using Themis.Packets.Ethernet;
using Themis.Packets.IPv4;

namespace Themis.Packets.RoCE;

/// <summary>What to put in a RoCEv2 data frame built by <see cref="RoceV2Packets.BuildData"/>. Defaults are stated per property.</summary>
public sealed record RoceV2DataPacketSpec
{
    public required MacAddress SourceMac { get; init; }
    public required MacAddress DestinationMac { get; init; }
    public required IPv4Address SourceIp { get; init; }
    public required IPv4Address DestinationIp { get; init; }

    /// <summary>The BTH; its opcode, DestQP and PSN say which QP and which packet. Default: RC SEND ONLY to QP 0.</summary>
    public Bth Bth { get; init; } = new() { Opcode = (byte)BthOpcode.RcSendOnly };

    /// <summary>Bytes after the BTH (extension headers and data), before the ICRC. Default: empty.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>DSCP. Default 26 (a common RoCE traffic class).</summary>
    public byte Dscp { get; init; } = 26;

    /// <summary>ECN codepoint. Default ECT(0), as DCQCN senders mark.</summary>
    public Ecn Ecn { get; init; } = Ecn.Ect0;

    /// <summary>Default 64.</summary>
    public byte Ttl { get; init; } = 64;

    /// <summary>Default 0.</summary>
    public ushort Identification { get; init; }

    /// <summary>UDP source port (RoCEv2 flow entropy). Default 0xC000.</summary>
    public ushort UdpSourcePort { get; init; } = 0xC000;

    /// <summary>Whether to fill in the UDP checksum. Default false: RoCEv2 senders send 0.</summary>
    public bool ComputeUdpChecksum { get; init; }

    /// <summary>Whether to append a correct ICRC. Default true; false appends <see cref="IcrcOverride"/>.</summary>
    public bool ComputeIcrc { get; init; } = true;

    /// <summary>ICRC value written when <see cref="ComputeIcrc"/> is false (to build bad packets).</summary>
    public uint IcrcOverride { get; init; }
}
