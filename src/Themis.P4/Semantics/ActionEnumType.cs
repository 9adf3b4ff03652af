using System.Numerics;
using Themis.P4.Syntax;

namespace Themis.P4.Semantics;

/// <summary>The type of <c>t.apply().action_run</c>: one value per action of the table.</summary>
public sealed class ActionEnumType : P4Type
{
    public ActionEnumType(TableDeclaration table)
    {
        Table = table;
    }

    public TableDeclaration Table { get; }

    protected override bool IsSameAs(P4Type other) => other is ActionEnumType a && a.Table == Table;

    public override string ToString() => $"action_list({Table.Name})";
}
