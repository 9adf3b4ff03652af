namespace Themis.Packets.IPv4;

/// <summary>The two ECN bits of the IPv4 TOS byte (RFC 3168 §5).</summary>
public enum Ecn : byte
{
    NotEct = 0b00,
    Ect1 = 0b01,
    Ect0 = 0b10,
    CongestionExperienced = 0b11,
}
