namespace Themis.Packets.IPv4;

/// <summary>IANA protocol numbers carried in the IPv4 protocol field.</summary>
public static class IPProtocols
{
    public const byte Tcp = 6;
    public const byte Udp = 17;
}
