namespace Themis.Packets.Ethernet;

/// <summary>EtherType values this project reads or writes.</summary>
public static class EtherTypes
{
    public const ushort IPv4 = 0x0800;

    /// <summary>
    /// IEEE 802 "local experimental" EtherType 1, used for every Themis switch-internal header (loop, dummy,
    /// control); the first byte after the Ethernet header says which one follows.
    /// </summary>
    public const ushort Themis = 0x88B5;
}
