namespace Themis.P4Runtime;

/// <summary>Where this client stands in the arbitration of its (device, role).</summary>
public enum MastershipStatus
{
    /// <summary>No live stream: the client is connecting or reconnecting.</summary>
    Disconnected,

    /// <summary>The server answered OK: this client is the primary and may write and send packet-outs.</summary>
    Primary,

    /// <summary>
    /// Another controller is primary (the server answered ALREADY_EXISTS, or refused a write with
    /// PERMISSION_DENIED). Reads still work.
    /// </summary>
    Backup,

    /// <summary>
    /// The role has no primary (the server answered NOT_FOUND). Under the specification this client becomes
    /// primary only by announcing an election id above every one the server has seen.
    /// </summary>
    BackupNoPrimary,
}
