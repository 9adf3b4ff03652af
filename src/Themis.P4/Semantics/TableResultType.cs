using System.Numerics;
using Themis.P4.Syntax;

namespace Themis.P4.Semantics;

/// <summary>The result of <c>t.apply()</c>: has <c>hit</c>, <c>miss</c> and <c>action_run</c>.</summary>
public sealed class TableResultType : P4Type
{
    public TableResultType(TableDeclaration table)
    {
        Table = table;
    }

    public TableDeclaration Table { get; }

    public override string ToString() => $"apply_result({Table.Name})";
}
