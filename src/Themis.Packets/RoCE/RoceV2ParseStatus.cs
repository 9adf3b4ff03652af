namespace Themis.Packets.RoCE;

/// <summary>Outcome of <see cref="RoceV2Frame.TryParse"/>; anything but <see cref="Ok"/> names the first thing wrong.</summary>
public enum RoceV2ParseStatus
{
    Ok,
    TooShortForEthernet,
    NotIPv4,
    BadIPv4Header,
    IPv4TotalLengthInvalid,
    Fragmented,
    NotUdp,
    UdpLengthInvalid,
    NotRoceV2Port,
    TooShortForBth,
    TooShortForIcrc,
}
