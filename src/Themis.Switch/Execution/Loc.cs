using Themis.P4.Semantics;

namespace Themis.Switch.Execution;

/// <summary>
/// Where a value of the program lives in a <see cref="PacketState"/>: decided once at compile time,
/// so packets are processed by indexing arrays, never by names.
/// </summary>
internal abstract class Loc(P4Type type)
{
    public P4Type Type { get; } = type;

    /// <summary>Appends every storage cell of this location, in a fixed order, so two locations of the same type line up.</summary>
    public abstract void Flatten(List<int> narrow, List<int> wide, List<int> varbit);
}
