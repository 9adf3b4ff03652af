using Themis.P4.Semantics;

namespace Themis.Switch.Execution;

/// <summary>A parameter of extern type (<c>packet_in</c>, <c>packet_out</c>): no storage, calls on it are compiled specially.</summary>
internal sealed class ExternLoc(P4Type type) : Loc(type)
{
    public override void Flatten(List<int> narrow, List<int> wide, List<int> varbit)
    {
    }
}
