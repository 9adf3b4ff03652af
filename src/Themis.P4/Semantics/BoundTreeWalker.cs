namespace Themis.P4.Semantics;

/// <summary>Enumerates every expression inside a statement (for analyses over the typed model).</summary>
public static class BoundTreeWalker
{
    public static IEnumerable<BoundExpression> Expressions(BoundStatement statement)
    {
        switch (statement)
        {
            case AssignmentStatement a:
                return Expressions(a.Target).Concat(Expressions(a.Value));
            case CallStatement c:
                return Expressions(c.Call);
            case IfStatement i:
                return Expressions(i.Condition).Concat(Expressions(i.Then)).Concat(i.Else == null ? [] : Expressions(i.Else));
            case BlockStatement b:
                return b.Statements.SelectMany(Expressions);
            case SwitchStatement s:
                return Expressions(s.Selector).Concat(s.Cases.SelectMany(c => Expressions(c.Body)));
            case ReturnStatement { Value: { } v }:
                return Expressions(v);
            case VariableDeclarationStatement { Initializer: { } init }:
                return Expressions(init);
            default:
                return [];
        }
    }

    public static IEnumerable<BoundExpression> Expressions(BoundExpression e)
    {
        yield return e;
        IEnumerable<BoundExpression> children = e switch
        {
            FieldExpression f => [f.Target],
            StackElementExpression s => [s.Stack, s.Index],
            StackPropertyExpression sp => [sp.Stack],
            SliceExpression sl => [sl.Target],
            UnaryExpression u => [u.Operand],
            BinaryExpression b => [b.Left, b.Right],
            ConditionalExpression c => [c.Condition, c.WhenTrue, c.WhenFalse],
            CastExpression c => [c.Operand],
            ListExpression l => l.Elements,
            StructExpression s => s.Fields,
            ExternMethodCall m => m.Arguments.Select(a => a.Value).Prepend(m.Target),
            CallExpression c => c.Arguments.Select(a => a.Value),
            TableHitExpression h => [h.Apply],
            ActionRunExpression r => [r.Apply],
            BuiltinMethodCall b => b.Arguments.Prepend(b.Target),
            _ => [],
        };
        foreach (var child in children)
        {
            foreach (var x in Expressions(child))
            {
                yield return x;
            }
        }
    }
}
