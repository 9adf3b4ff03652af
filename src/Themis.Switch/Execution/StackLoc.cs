using Themis.P4.Semantics;

namespace Themis.Switch.Execution;

/// <summary>A header stack: its elements and the <c>nextIndex</c> slot.</summary>
internal sealed class StackLoc(StackType type, Loc[] elements, int nextIndexSlot) : Loc(type)
{
    public Loc[] Elements { get; } = elements;

    public int NextIndexSlot { get; } = nextIndexSlot;

    public override void Flatten(List<int> narrow, List<int> wide, List<int> varbit)
    {
        narrow.Add(NextIndexSlot);
        foreach (Loc e in Elements)
        {
            e.Flatten(narrow, wide, varbit);
        }
    }
}
