using Themis.P4.Semantics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Checking;

internal sealed partial class Checker
{
    private BlockStatement BindBlock(BlockSyntax block, Ctx ctx)
    {
        var inner = ctx.Nested();
        var list = new List<BoundStatement>();
        foreach (var s in block.Statements)
        {
            var b = BindStatement(s, inner);
            if (b != null)
            {
                list.Add(b);
            }
        }
        return new BlockStatement(list, block.Span);
    }

    private BoundStatement? BindStatement(StatementSyntax s, Ctx ctx)
    {
        switch (s)
        {
            case BlockSyntax b:
                return BindBlock(b, ctx);
            case EmptyStatementSyntax e:
                return new EmptyStatement(e.Span);
            case AssignmentSyntax a:
                {
                    var target = BindExpression(a.Target, ctx, null);
                    var value = BindExpression(a.Value, ctx, target.Type);
                    if (target is DontCareExpression)
                    {
                        Error(a.Target.Span, "'_' cannot be assigned to");
                        return null;
                    }
                    CheckLValue(target, a.Target.Span, "assign to");
                    if (target.Type is ExternType or TableResultType or VoidType)
                    {
                        Error(a.Span, $"values of type '{target.Type}' cannot be assigned");
                    }
                    value = ConvertTo(value, target.Type, a.Value.Span);
                    return new AssignmentStatement(target, value, a.Span);
                }
            case CallStatementSyntax c:
                {
                    var call = c.Call is CallSyntax cs ? BindCall(cs, ctx) : BindExpression(c.Call, ctx, null);
                    if (call is CallExpression or BuiltinMethodCall)
                    {
                        return new CallStatement(call, c.Span);
                    }
                    if (call is LiteralExpression { Type: UnknownType })
                    {
                        return null;
                    }
                    Error(c.Span, "this expression is not a call and cannot be a statement");
                    return null;
                }
            case IfSyntax i:
                {
                    var cond = BindExpression(i.Condition, ctx, BoolType.Instance);
                    if (cond.Type is not (BoolType or UnknownType))
                    {
                        Error(i.Condition.Span, $"the condition of 'if' must be bool, not '{cond.Type}'{(cond.Type is BitsType ? "; compare it, e.g. (x != 0)" : "")}");
                    }
                    var then = BindStatement(i.Then, ctx.Nested()) ?? new EmptyStatement(i.Then.Span);
                    var els = i.Else == null ? null : BindStatement(i.Else, ctx.Nested()) ?? new EmptyStatement(i.Else.Span);
                    return new IfStatement(cond, then, els, i.Span);
                }
            case SwitchSyntax sw:
                return BindSwitch(sw, ctx);
            case ExitSyntax x:
                if (ctx.Kind == BodyKind.Parser)
                {
                    Error(x.Span, "'exit' cannot be used in a parser; use 'transition reject' or 'transition accept'");
                }
                else if (ctx.Kind == BodyKind.Function)
                {
                    Error(x.Span, "'exit' cannot be used in a function");
                }
                return new ExitStatement(x.Span);
            case ReturnSyntax r:
                {
                    if (ctx.Kind == BodyKind.Parser)
                    {
                        Error(r.Span, "'return' cannot be used in a parser; use a transition");
                        return null;
                    }
                    if (ctx.Kind == BodyKind.Function && ctx.ReturnType is not VoidType)
                    {
                        if (r.Value == null)
                        {
                            Error(r.Span, $"this function must return a value of type '{ctx.ReturnType}'");
                            return new ReturnStatement(null, r.Span);
                        }
                        var v = ConvertTo(BindExpression(r.Value, ctx, ctx.ReturnType), ctx.ReturnType!, r.Value.Span);
                        return new ReturnStatement(v, r.Span);
                    }
                    if (r.Value != null)
                    {
                        Error(r.Value.Span, ctx.Kind == BodyKind.Function ? "a void function cannot return a value" : "'return' in an action or control cannot have a value");
                    }
                    return new ReturnStatement(null, r.Span);
                }
            case DeclarationStatementSyntax d:
                return BindLocalDeclarationStatement(d, ctx);
        }
        return null;
    }

    private BoundStatement? BindLocalDeclarationStatement(DeclarationStatementSyntax d, Ctx ctx)
    {
        switch (d.Declaration)
        {
            case ConstantSyntax c:
                BindConstant(c, ctx.Scope, ctx);
                return null;
            case VariableSyntax v:
                return DeclareLocalVariable(v, ctx);
            case InstantiationSyntax i:
                Error(i.Span, ctx.Kind == BodyKind.Parser
                    ? "instances must be declared in the parser, before the states"
                    : "instances cannot be declared inside a block; declare them in the control, before 'apply'");
                return null;
        }
        return null;
    }

    private VariableDeclarationStatement? DeclareLocalVariable(VariableSyntax v, Ctx ctx)
    {
        var type = ResolveType(v.Type, ctx.Scope);
        if (type is InfIntType)
        {
            Error(v.Type.Span, $"variable '{v.Name}' needs a type with a width, not 'int'");
            type = UnknownType.Instance;
        }
        else if (type is VoidType or ExternType or BlockType or MatchKindType or StringType)
        {
            Error(v.Type.Span, $"variable '{v.Name}' cannot have type '{type}'");
            type = UnknownType.Instance;
        }
        BoundExpression? init = null;
        if (v.Initializer != null)
        {
            init = ConvertTo(BindExpression(v.Initializer, ctx, type), type, v.Initializer.Span);
        }
        if (ctx.Variables == null || ctx.Owner == null)
        {
            Error(v.Span, "variables cannot be declared here");
            return null;
        }
        var variable = new Variable(v.Name, type, VariableKind.Local, ParameterDirection.None, ctx.Owner, ctx.Variables.Count, v.NameSpan);
        if (!Declare(ctx.Scope, v.Name, v.NameSpan, variable))
        {
            return null;
        }
        ctx.Variables.Add(variable);
        return new VariableDeclarationStatement(variable, init, v.Span);
    }

    private BoundStatement? BindSwitch(SwitchSyntax sw, Ctx ctx)
    {
        if (ctx.Kind is not (BodyKind.ControlApply or BodyKind.Action or BodyKind.Function))
        {
            Error(sw.Span, "a switch statement can only be used in a control");
        }
        ctx.AllowActionRun = true;
        var selector = BindExpression(sw.Expression, ctx, null);
        ctx.AllowActionRun = false;
        if (selector.Type is UnknownType)
        {
            return null;
        }
        bool onActions = selector is ActionRunExpression;
        if (onActions && ctx.Kind != BodyKind.ControlApply)
        {
            Error(sw.Span, "switch on action_run can only be used in a control's apply block");
        }
        if (!onActions && selector.Type is not (BitsType or EnumType or ErrorType))
        {
            Error(sw.Expression.Span, $"switch needs 't.apply().action_run' or a bit<W>/int<W>/enum/error value, not '{selector.Type}'");
            return null;
        }
        var table = (selector as ActionRunExpression)?.Apply.Table;
        var cases = new List<SwitchCase>();
        var pending = new List<SwitchLabel>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < sw.Cases.Count; i++)
        {
            var c = sw.Cases[i];
            SwitchLabel? label = null;
            if (c.Label is DefaultSyntax)
            {
                if (i != sw.Cases.Count - 1)
                {
                    Error(c.Label.Span, "'default' must be the last label of a switch");
                }
                if (!seen.Add("default"))
                {
                    Error(c.Label.Span, "duplicate 'default' label");
                }
                label = new SwitchLabel(null, null);
            }
            else if (onActions)
            {
                var name = c.Label is NameSyntax n ? n.Name : null;
                var action = name == null ? null : table!.Actions.FirstOrDefault(a => a.Action.Name == name)?.Action;
                if (action == null)
                {
                    Error(c.Label.Span, name == null
                        ? "a switch on action_run needs action names as labels"
                        : $"'{name}' is not an action of table '{table!.Name}'; the labels must be actions in its 'actions' list");
                }
                else if (!seen.Add(action.Name))
                {
                    Error(c.Label.Span, $"duplicate switch label '{action.Name}'");
                }
                else
                {
                    label = new SwitchLabel(action, null);
                }
            }
            else
            {
                var v = ConvertTo(BindExpression(c.Label, ctx, selector.Type), selector.Type, c.Label.Span);
                if (!v.IsConstant && v.Type is not UnknownType)
                {
                    Error(c.Label.Span, "switch labels must be compile-time constants");
                }
                else if (ConstantKey(v) is { } key && !seen.Add(key.ToString()!))
                {
                    Error(c.Label.Span, $"duplicate switch label '{_source.GetText(c.Label.Span)}'");
                }
                label = new SwitchLabel(null, v);
            }
            if (label != null)
            {
                pending.Add(label);
            }
            if (c.Body != null)
            {
                cases.Add(new SwitchCase([.. pending], BindBlock(c.Body, ctx)));
                pending.Clear();
            }
            else if (i == sw.Cases.Count - 1)
            {
                cases.Add(new SwitchCase([.. pending], new BlockStatement([], c.Span)));
                pending.Clear();
            }
        }
        return new SwitchStatement(selector, cases, sw.Span);
    }
}
