namespace Themis.Packets.SwitchInternal;

/// <summary>First byte after an Ethernet header of EtherType 0x88B5: which Themis header follows (THEMIS_KIND_* in define.p4).</summary>
public enum ThemisHeaderKind : byte
{
    Loop = 1,
    Dummy = 2,
    Control = 3,
}
