using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary><c>t.apply().action_run</c> (only as a switch selector).</summary>
public sealed class ActionRunExpression(TableApplyExpression apply, TextSpan span) : BoundExpression(new ActionEnumType(apply.Table), span)
{
    public TableApplyExpression Apply { get; } = apply;
}
