namespace Themis.Controller.Internal;

/// <summary>What became of one daemon packet; each value is a metric label.</summary>
internal enum DaemonOutcome
{
    /// <summary>A new <c>qp_field</c> entry is being installed.</summary>
    Installed,

    /// <summary>The QP was re-pointed at a new remote QP (its old entry replaced).</summary>
    Replaced,

    /// <summary>Held until a handshake digest verifies the pair (or the grace period ends).</summary>
    Pending,

    /// <summary>Already installed or already pending with the same content: nothing to do.</summary>
    Duplicate,

    /// <summary>Destroy of an installed QP: entry removed, slot reset and freed.</summary>
    Removed,

    /// <summary>Destroy of a pending registration: it is dropped.</summary>
    PendingDropped,

    /// <summary>Destroy of a QP the controller does not know (e.g. an intra-DC QP): ignored.</summary>
    UnknownQp,

    /// <summary>All slots are in use: nothing installed.</summary>
    SlotsExhausted,

    /// <summary>Too many registrations pending (per host or in total): dropped.</summary>
    PendingFull,

    /// <summary>Fields out of range (QPN wider than 24 bits, remote not a unicast host, ...).</summary>
    Invalid,

    /// <summary>The payload could not be decoded.</summary>
    Malformed,

    /// <summary>The format (v0) is not accepted by the configuration.</summary>
    FormatRejected,

    /// <summary>No key is configured for the source host (or the key id is unknown).</summary>
    UnknownHost,

    /// <summary>A v1 packet without a MAC (only authenticated v1 is accepted).</summary>
    Unauthenticated,

    /// <summary>Signed with another host's key: a host may only register its own QPs.</summary>
    WrongKey,

    /// <summary>A well-formed heartbeat: nothing to do.</summary>
    Heartbeat,

    /// <summary>The HMAC did not verify.</summary>
    BadMac,

    /// <summary>Sequence number already seen (or too old) for this host.</summary>
    Replayed,

    /// <summary>Timestamp too far from the controller's clock.</summary>
    Stale,

    /// <summary>Arrived on a port that is not DC-facing: forged.</summary>
    WrongPort,
}
