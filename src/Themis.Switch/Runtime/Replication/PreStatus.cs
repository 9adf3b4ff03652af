namespace Themis.Switch.Runtime.Replication;

/// <summary>Outcome of a replication engine write.</summary>
public enum PreStatus
{
    /// <summary>Done.</summary>
    Ok,

    /// <summary>The group or session exists (INSERT).</summary>
    AlreadyExists,

    /// <summary>The group or session does not exist (MODIFY, DELETE).</summary>
    NotFound,
}
