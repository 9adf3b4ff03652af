namespace Themis.Switch.Runtime.Tables;

/// <summary>Outcome of a table write, mapped by the P4Runtime layer to canonical codes.</summary>
public enum TableOperationStatus
{
    /// <summary>Done.</summary>
    Ok,

    /// <summary>An entry with the same match (and priority) exists: ALREADY_EXISTS.</summary>
    AlreadyExists,

    /// <summary>No entry with that match (and priority): NOT_FOUND.</summary>
    NotFound,

    /// <summary>The table holds <see cref="TableSpec.MaxSize"/> entries: RESOURCE_EXHAUSTED.</summary>
    Full,
}
