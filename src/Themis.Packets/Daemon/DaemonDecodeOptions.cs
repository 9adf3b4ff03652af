namespace Themis.Packets.Daemon;

/// <summary>What the controller accepts from host daemons.</summary>
public sealed record DaemonDecodeOptions
{
    /// <summary>Accept the unauthenticated 16-byte v0 format. Default false.</summary>
    public bool AcceptV0 { get; init; }

    /// <summary>Byte order of v0 fields. Default big-endian.</summary>
    public DaemonV0ByteOrder V0ByteOrder { get; init; } = DaemonV0ByteOrder.BigEndian;

    /// <summary>Refuse v1 packets without a MAC. Default true.</summary>
    public bool RequireAuthentication { get; init; } = true;

    /// <summary>Keys to verify MACs with. Default none (every MAC then fails as <see cref="DaemonDecodeStatus.UnknownKey"/>).</summary>
    public DaemonKeyRing? Keys { get; init; }
}
