using Themis.P4.Semantics;

namespace Themis.Switch.Execution;

/// <summary>A header: a validity slot (0/1) and its fields.</summary>
internal sealed class HeaderLoc(StructType type, int validSlot, Loc[] fields) : Loc(type)
{
    public StructType Header { get; } = type;

    public int ValidSlot { get; } = validSlot;

    public Loc[] Fields { get; } = fields;

    /// <summary>Set when the header is a member of a header union: its siblings, invalidated when it becomes valid.</summary>
    public HeaderLoc[] Siblings { get; set; } = [];

    public override void Flatten(List<int> narrow, List<int> wide, List<int> varbit)
    {
        narrow.Add(ValidSlot);
        foreach (Loc f in Fields)
        {
            f.Flatten(narrow, wide, varbit);
        }
    }
}
