namespace Themis.Switch.Pipeline;

/// <summary>Values of <c>standard_metadata.instance_type</c> as BMv2 simple_switch sets them (simple_switch.cpp PKT_INSTANCE_TYPE_*).</summary>
public static class InstanceType
{
    /// <summary>A packet received on a port.</summary>
    public const uint Normal = 0;

    /// <summary>An ingress-to-egress clone.</summary>
    public const uint IngressClone = 1;

    /// <summary>An egress-to-egress clone.</summary>
    public const uint EgressClone = 2;

    /// <summary>Coalesced (unused by v1model programs).</summary>
    public const uint Coalesced = 3;

    /// <summary>A recirculated packet.</summary>
    public const uint Recirculated = 4;

    /// <summary>A multicast replica.</summary>
    public const uint Replication = 5;

    /// <summary>A resubmitted packet.</summary>
    public const uint Resubmit = 6;
}
