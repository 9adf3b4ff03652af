using Themis.Packets.Ethernet;
using Themis.Packets.IPv4;

namespace Themis.Packets.RoCE;

/// <summary>
/// What to put in a RoCEv2 CNP (Annex A17.9.2) built by <see cref="RoceV2Packets.BuildCnp"/>. The defaults are
/// the values the Themis ESW writes when it turns a CE-marked data packet into a CNP.
/// </summary>
public sealed record CnpSpec
{
    public required MacAddress SourceMac { get; init; }
    public required MacAddress DestinationMac { get; init; }
    public required IPv4Address SourceIp { get; init; }
    public required IPv4Address DestinationIp { get; init; }

    /// <summary>QPN of the QP that must slow down (the data sender's QPN).</summary>
    public required uint DestQp { get; init; }

    /// <summary>Default 0xFFFF (the default partition); the ESW copies the data packet's P_Key.</summary>
    public ushort PKey { get; init; } = Bth.DefaultPKey;

    /// <summary>Default <see cref="RoceV2.DefaultCnpDscp"/> (48).</summary>
    public byte Dscp { get; init; } = RoceV2.DefaultCnpDscp;

    /// <summary>Default Not-ECT: a CNP must not be marked itself.</summary>
    public Ecn Ecn { get; init; } = Ecn.NotEct;

    /// <summary>Default 64.</summary>
    public byte Ttl { get; init; } = 64;

    /// <summary>Default 0.</summary>
    public ushort Identification { get; init; }

    /// <summary>UDP source port; the ESW copies the data packet's. Default 0xC000.</summary>
    public ushort UdpSourcePort { get; init; } = 0xC000;

    /// <summary>BTH PSN; reserved in a CNP, default 0.</summary>
    public uint Psn { get; init; }
}
