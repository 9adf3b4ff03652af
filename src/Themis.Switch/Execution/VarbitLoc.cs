using Themis.P4.Semantics;

namespace Themis.Switch.Execution;

/// <summary>A <c>varbit&lt;N&gt;</c> field: its bytes (MSB first) in a varbit cell, its current length in bits in a narrow slot.</summary>
internal sealed class VarbitLoc(P4Type type, int index, int lengthSlot, int maxWidth) : Loc(type)
{
    public int Index { get; } = index;

    public int LengthSlot { get; } = lengthSlot;

    public int MaxWidth { get; } = maxWidth;

    public override void Flatten(List<int> narrow, List<int> wide, List<int> varbit)
    {
        narrow.Add(LengthSlot);
        varbit.Add(Index);
    }
}
