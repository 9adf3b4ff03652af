using Themis.P4.Semantics;
using Themis.P4.Text;

namespace Themis.Switch.Execution;

/// <summary>A compiler-made expression naming a storage location (a temporary copied back to an argument).</summary>
internal sealed class LocExpression(Loc loc) : BoundExpression(loc.Type, default(TextSpan))
{
    public Loc Loc { get; } = loc;
}
