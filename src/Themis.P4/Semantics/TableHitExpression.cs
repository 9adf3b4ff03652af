using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary><c>t.apply().hit</c> (or <c>.miss</c> when <see cref="IsMiss"/>): applies the table, then tests.</summary>
public sealed class TableHitExpression(TableApplyExpression apply, bool isMiss, TextSpan span) : BoundExpression(BoolType.Instance, span)
{
    public TableApplyExpression Apply { get; } = apply;

    public bool IsMiss { get; } = isMiss;
}
