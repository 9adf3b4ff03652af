namespace Themis.Controller.Internal;

/// <summary>What a rebuild from the switch's tables found.</summary>
/// <param name="Adopted">Entries taken over as they are.</param>
/// <param name="Removed">Entries scheduled for removal: out-of-range or shared slots, or a local QP that appears twice.</param>
internal sealed record RebuildReport(int Adopted, int Removed);
