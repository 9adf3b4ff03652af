namespace Themis.Packets.RoCE;

/// <summary>RoCEv2 constants.</summary>
public static class RoceV2
{
    /// <summary>IANA-assigned UDP destination port of RoCEv2.</summary>
    public const ushort UdpPort = 4791;

    /// <summary>Reserved bytes after the BTH of a CNP (Annex A17.9.2).</summary>
    public const int CnpPaddingSize = 16;

    /// <summary>DSCP NICs commonly give CNPs (and the default of this project).</summary>
    public const byte DefaultCnpDscp = 48;

    /// <summary>Frame length of an IPv4 CNP without VLAN tag: Ethernet 14 + IPv4 20 + UDP 8 + BTH 12 + 16 + ICRC 4.</summary>
    public const int CnpFrameSize = 14 + 20 + 8 + Bth.Size + CnpPaddingSize + Icrc.Size;
}
