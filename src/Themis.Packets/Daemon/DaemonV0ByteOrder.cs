namespace Themis.Packets.Daemon;

/// <summary>Byte order of the four u32 fields of a v0 daemon packet.</summary>
public enum DaemonV0ByteOrder
{
    /// <summary>Network order, as the design's wire formats are (default).</summary>
    BigEndian,

    /// <summary>x86 host order, for daemons that packed the fields natively.</summary>
    LittleEndian,
}
