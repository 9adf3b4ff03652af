namespace Themis.Packets.Daemon;

/// <summary>Outcome of <see cref="DaemonPacketCodec.TryDecode"/>. Everything but <see cref="Ok"/> means: drop and count.</summary>
public enum DaemonDecodeStatus
{
    Ok,

    /// <summary>Fewer than 16 bytes.</summary>
    TooShort,

    /// <summary>Neither 16 bytes (v0) nor starting with the v1 magic.</summary>
    UnknownFormat,

    /// <summary>A well-formed v0 packet while v0 is not enabled.</summary>
    V0NotAccepted,

    /// <summary>A v0 flag other than 0 or 1.</summary>
    V0InvalidFlag,

    /// <summary>v1 magic with a version this codec does not know.</summary>
    UnsupportedVersion,

    /// <summary>The length does not match what the flags say (40 bytes, or 56 with a MAC).</summary>
    LengthMismatch,

    /// <summary>Reserved bits or bytes are not zero.</summary>
    ReservedNotZero,

    /// <summary>An event code this codec does not know.</summary>
    UnknownEvent,

    /// <summary>A QPN above 2^24 - 1.</summary>
    QpnOutOfRange,

    /// <summary>A QpReady event without a remote IP.</summary>
    MissingRemoteIp,

    /// <summary>No MAC while the options require authentication.</summary>
    AuthenticationRequired,

    /// <summary>A MAC under a key id the key ring does not hold.</summary>
    UnknownKey,

    /// <summary>The MAC does not match the packet under the named key.</summary>
    BadMac,
}
