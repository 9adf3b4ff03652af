namespace Themis.Switch.Runtime.Replication;

/// <summary>The three P4Runtime update types.</summary>
public enum WriteKind
{
    /// <summary>Create; fails if present.</summary>
    Insert,

    /// <summary>Change; fails if absent.</summary>
    Modify,

    /// <summary>Remove; fails if absent.</summary>
    Delete,
}
