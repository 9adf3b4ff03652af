namespace Themis.Controller.Internal;

/// <summary>An IPv4 prefix such as 10.1.0.0/16 (network in host order).</summary>
internal sealed record Ipv4Prefix(uint Network, int Length)
{
    public uint Mask => Length == 0 ? 0u : uint.MaxValue << (32 - Length);

    /// <summary>True when no address bit beyond the prefix length is set (what an LPM entry requires).</summary>
    public bool IsCanonical => (Network & ~Mask) == 0;

    public bool Contains(uint address) => (address & Mask) == Network;

    public override string ToString() => $"{Ipv4.Format(Network)}/{Length}";
}
