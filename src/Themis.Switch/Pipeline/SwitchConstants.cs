namespace Themis.Switch.Pipeline;

/// <summary>Port numbers with a fixed meaning, as in BMv2 with 9-bit ports.</summary>
public static class SwitchConstants
{
    /// <summary>BMv2's default drop port (<c>mark_to_drop</c> sets <c>egress_spec</c> to it).</summary>
    public const uint DropPort = 511;

    /// <summary>Port width in bits.</summary>
    public const int PortBits = 9;
}
