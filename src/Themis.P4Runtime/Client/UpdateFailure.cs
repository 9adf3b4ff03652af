using Grpc.Core;
using P4.V1;

namespace Themis.P4Runtime;

/// <summary>One update of a Write batch that the server rejected.</summary>
/// <param name="Index">Position of the update in the batch (0-based).</param>
/// <param name="Update">The update as sent.</param>
/// <param name="Code">The canonical error code the server gave for it.</param>
/// <param name="Message">The server's explanation.</param>
/// <param name="Space">The target-specific error space, if the server named one.</param>
/// <param name="TargetCode">The code within <paramref name="Space"/>, 0 when none.</param>
public sealed record UpdateFailure(int Index, Update Update, StatusCode Code, string Message, string Space, int TargetCode)
{
    /// <summary>The kind of entity the update carried.</summary>
    public Entity.EntityOneofCase EntityKind => Update.Entity?.EntityCase ?? Entity.EntityOneofCase.None;
}
