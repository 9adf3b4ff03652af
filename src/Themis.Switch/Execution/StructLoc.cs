using Themis.P4.Semantics;

namespace Themis.Switch.Execution;

/// <summary>A struct or header union: its members in declaration order.</summary>
internal sealed class StructLoc(StructType type, Loc[] fields) : Loc(type)
{
    public StructType Struct { get; } = type;

    public Loc[] Fields { get; } = fields;

    public override void Flatten(List<int> narrow, List<int> wide, List<int> varbit)
    {
        foreach (Loc f in Fields)
        {
            f.Flatten(narrow, wide, varbit);
        }
    }
}
