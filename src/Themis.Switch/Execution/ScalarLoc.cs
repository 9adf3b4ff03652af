using Themis.P4.Semantics;

namespace Themis.Switch.Execution;

/// <summary>A value of at most 64 bits (bit/int/bool/enum/error) in one narrow slot, kept masked to its width.</summary>
internal sealed class ScalarLoc(P4Type type, int slot, int width, bool signed) : Loc(type)
{
    public int Slot { get; } = slot;

    public int Width { get; } = width;

    public bool Signed { get; } = signed;

    public override void Flatten(List<int> narrow, List<int> wide, List<int> varbit) => narrow.Add(Slot);
}
