using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>A case: its labels (consecutive fall-through labels are merged) and body.</summary>
public sealed class SwitchCase(IReadOnlyList<SwitchLabel> labels, BlockStatement body)
{
    public IReadOnlyList<SwitchLabel> Labels { get; } = labels;

    public BlockStatement Body { get; } = body;
}
