namespace Themis.Switch.Pipeline;

/// <summary>
/// v1model <c>standard_metadata_t</c> as BMv2 fills it. Timestamps are microseconds since the switch
/// started (BMv2 uses a microsecond clock); queue depths are in packets.
/// </summary>
public sealed class StandardMetadata
{
    /// <summary>Port the packet arrived on (9 bits).</summary>
    public uint IngressPort { get; set; }

    /// <summary>Port chosen by ingress (9 bits); <see cref="SwitchConstants.DropPort"/> drops.</summary>
    public uint EgressSpec { get; set; }

    /// <summary>Port the packet leaves by (set by the traffic manager; read-only in egress).</summary>
    public uint EgressPort { get; set; }

    /// <summary>See <see cref="InstanceType"/>.</summary>
    public uint InstanceType { get; set; }

    /// <summary>Length of the packet in bytes as received (for clones: the cloned packet's length).</summary>
    public uint PacketLength { get; set; }

    /// <summary>Enqueue time, µs.</summary>
    public uint EnqTimestamp { get; set; }

    /// <summary>Queue depth when enqueued, packets (19 bits).</summary>
    public uint EnqQdepth { get; set; }

    /// <summary>Time spent queued, µs.</summary>
    public uint DeqTimedelta { get; set; }

    /// <summary>Queue depth when dequeued, packets (19 bits).</summary>
    public uint DeqQdepth { get; set; }

    /// <summary>Time ingress started, µs (48 bits).</summary>
    public ulong IngressGlobalTimestamp { get; set; }

    /// <summary>Time egress started, µs (48 bits).</summary>
    public ulong EgressGlobalTimestamp { get; set; }

    /// <summary>Multicast group chosen by ingress (0: none).</summary>
    public uint McastGrp { get; set; }

    /// <summary>Replica instance (the replica's <c>instance</c>; 0 for unicast).</summary>
    public uint EgressRid { get; set; }

    /// <summary>1 when verify_checksum failed.</summary>
    public uint ChecksumError { get; set; }

    /// <summary>Parser error code (0: NoError), in the program's error numbering.</summary>
    public uint ParserError { get; set; }

    /// <summary>Packet priority (3 bits).</summary>
    public uint Priority { get; set; }

    /// <summary>A copy of every field.</summary>
    public StandardMetadata Clone() => (StandardMetadata)MemberwiseClone();
}
