using Grpc.Core;

namespace Themis.P4Runtime;

/// <summary>
/// A snapshot of this client's arbitration result, as the server last reported it in a
/// MasterArbitrationUpdate (or as a refused write revealed it).
/// </summary>
/// <param name="Status">Primary, backup, or disconnected.</param>
/// <param name="ElectionId">The election id this client announced.</param>
/// <param name="ServerElectionId">
/// The election id in the server's last arbitration message: the primary's when there is one (for a primary,
/// this client's own); the highest the server has seen otherwise. Null when not known.
/// </param>
/// <param name="Code">The canonical code of the arbitration status (OK for the primary).</param>
/// <param name="Message">The server's status message, or why the state changed.</param>
/// <param name="Since">When this state began (per the client's clock).</param>
public sealed record MastershipState(
    MastershipStatus Status,
    UInt128 ElectionId,
    UInt128? ServerElectionId,
    StatusCode Code,
    string Message,
    DateTimeOffset Since)
{
    /// <summary>True when this client is the primary controller.</summary>
    public bool IsPrimary => Status == MastershipStatus.Primary;

    /// <summary>True while the stream is up (primary or backup).</summary>
    public bool IsConnected => Status != MastershipStatus.Disconnected;

    /// <summary>The primary controller's election id, when the server has told it.</summary>
    public UInt128? PrimaryElectionId => Status switch
    {
        MastershipStatus.Primary => ElectionId,
        MastershipStatus.Backup => ServerElectionId,
        _ => null,
    };

    /// <inheritdoc />
    public override string ToString()
    {
        string server = ServerElectionId is { } id ? $", server election id {id}" : "";
        return $"{Status} (election id {ElectionId}{server}, {Code}: {Message})";
    }
}
