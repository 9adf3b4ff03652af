using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary><c>t.apply()</c>; its value has <c>hit</c>/<c>miss</c>/<c>action_run</c>.</summary>
public sealed class TableApplyExpression(TableDeclaration table, TextSpan span) : CallExpression(new TableResultType(table), [], span)
{
    public TableDeclaration Table { get; } = table;
}
