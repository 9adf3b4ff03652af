namespace Themis.Packets.IPv4;

/// <summary>Splits and joins the IPv4 TOS byte: DSCP in the upper six bits, ECN in the lower two (RFC 2474, RFC 3168).</summary>
public static class TosByte
{
    public static byte Compose(byte dscp, Ecn ecn)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dscp, (byte)63);
        return (byte)((dscp << 2) | (byte)ecn);
    }

    public static byte GetDscp(byte tos) => (byte)(tos >> 2);

    public static Ecn GetEcn(byte tos) => (Ecn)(tos & 0b11);

    public static byte WithEcn(byte tos, Ecn ecn) => (byte)((tos & 0xFC) | (byte)ecn);

    public static byte WithDscp(byte tos, byte dscp) => Compose(dscp, GetEcn(tos));
}
