using Themis.P4.Semantics;

namespace Themis.Switch.Execution;

/// <summary>A bit string wider than 64 bits (an IPv6 address, say), held as a non-negative BigInteger.</summary>
internal sealed class WideLoc(P4Type type, int index, int width, bool signed) : Loc(type)
{
    public int Index { get; } = index;

    public int Width { get; } = width;

    public bool Signed { get; } = signed;

    public override void Flatten(List<int> narrow, List<int> wide, List<int> varbit) => wide.Add(Index);
}
