namespace Themis.Switch.Pipeline;

/// <summary>A packet moving through the v1model pipeline, with the requests its program made.</summary>
public sealed class PacketContext
{
    private List<DigestSample>? _digests;

    /// <summary>Creates a packet as received (or as re-entering ingress).</summary>
    public PacketContext(byte[] data, StandardMetadata metadata)
    {
        Data = data ?? throw new ArgumentNullException(nameof(data));
        Metadata = metadata ?? throw new ArgumentNullException(nameof(metadata));
    }

    /// <summary>The bytes entering ingress (kept unchanged: I2E clones and resubmits copy them).</summary>
    public byte[] Data { get; }

    /// <summary><c>standard_metadata</c>.</summary>
    public StandardMetadata Metadata { get; }

    /// <summary>Program-owned parsed state; null until the parser ran.</summary>
    public IPacketState? State { get; set; }

    /// <summary>Bytes produced by the deparser at the end of egress.</summary>
    public byte[]? Output { get; set; }

    /// <summary>Set by <c>clone</c> in ingress (I2E) or egress (E2E).</summary>
    public CloneRequest? Clone { get; set; }

    /// <summary>Set by <c>resubmit_preserving_field_list</c> (field list index), else -1.</summary>
    public int ResubmitFieldList { get; set; } = -1;

    /// <summary>Set by <c>recirculate_preserving_field_list</c> (field list index), else -1.</summary>
    public int RecirculateFieldList { get; set; } = -1;

    /// <summary>Set by <c>truncate(length)</c>: the output is cut to this many bytes (0: no truncation).</summary>
    public uint TruncateLength { get; set; }

    /// <summary>Digests emitted by this packet (the list is created on first use).</summary>
    public List<DigestSample> Digests => _digests ??= [];

    /// <summary>True when the packet emitted digests not yet taken (checks without creating the list).</summary>
    public bool HasDigests => _digests is { Count: > 0 };

    /// <summary>Per-packet trace (tables applied, actions run), filled only when tracing is on.</summary>
    public PacketTrace? Trace { get; set; }

    /// <summary>
    /// Returns the program state to its pool once the packet has left the switch or was dropped
    /// (see <see cref="IPacketState.Release"/>); the packet has no state afterwards.
    /// </summary>
    public void ReleaseState()
    {
        State?.Release();
        State = null;
    }

    /// <summary>Clears the requests made in one pipeline stage before the next one runs.</summary>
    public void ClearRequests()
    {
        Clone = null;
        ResubmitFieldList = -1;
        RecirculateFieldList = -1;
    }
}
