using Themis.P4.Semantics;
using Themis.P4.Syntax;

namespace Themis.Switch.Execution;

/// <content>Statements, and inlining of actions, functions and sub-blocks.</content>
internal sealed partial class PipelineBuilder
{
    private StmtFn Statement(BoundStatement statement, Ctx c)
    {
        switch (statement)
        {
            case BlockStatement b:
                return Sequence([.. b.Statements.Select(x => Statement(x, c)).Where(x => x is not null)]);
            case AssignmentStatement a:
                return Assign(a.Target, a.Value, c);
            case CallStatement call:
                return Call(call.Call, c);
            case IfStatement i:
                {
                    NarrowFn test = Value(i.Condition, c).AsNarrow();
                    StmtFn then = Statement(i.Then, c);
                    StmtFn? otherwise = i.Else is null ? null : Statement(i.Else, c);
                    if (otherwise is null)
                    {
                        return s =>
                        {
                            if (test(s) != 0)
                            {
                                return then(s);
                            }

                            return s.Exited ? Flow.Exit : Flow.Next;
                        };
                    }

                    return s =>
                    {
                        bool taken = test(s) != 0;
                        if (s.Exited)
                        {
                            return Flow.Exit;
                        }

                        return taken ? then(s) : otherwise(s);
                    };
                }

            case SwitchStatement sw:
                return Switch(sw, c);
            case ExitStatement:
                return s =>
                {
                    s.Exited = true;
                    s.Trace?.Add("exit");
                    return Flow.Exit;
                };
            case ReturnStatement r:
                {
                    if (r.Value is null)
                    {
                        return _ => Flow.Return;
                    }

                    StmtFn store = AssignTo(c.ReturnLoc ?? throw new CompileException("return with a value outside a function"), r.Value, c);
                    return s =>
                    {
                        store(s);
                        return Flow.Return;
                    };
                }

            case VariableDeclarationStatement v:
                {
                    Loc loc = _alloc.Allocate(v.Variable.Type);
                    c.Scope.Bind(v.Variable, loc);
                    return v.Initializer is null ? Reset(loc) : AssignTo(loc, v.Initializer, c);
                }

            case EmptyStatement:
                return _ => Flow.Next;
            default:
                throw new CompileException($"the statement {statement.GetType().Name} is not supported");
        }
    }

    /// <summary>A declaration without initialiser: zero / invalid, as BMv2 initialises locals.</summary>
    private static StmtFn Reset(Loc loc)
    {
        List<int> n = [], w = [], v = [];
        loc.Flatten(n, w, v);
        int[] cells = [.. n], wide = [.. w];
        return s =>
        {
            foreach (int i in cells)
            {
                s.S[i] = 0;
            }

            foreach (int i in wide)
            {
                s.W[i] = default;
            }

            return Flow.Next;
        };
    }

    private StmtFn Switch(SwitchStatement sw, Ctx c)
    {
        StmtFn?[] bodies = [.. sw.Cases.Select(x => x.Body.Statements.Count == 0 ? null : Statement(x.Body, c))];

        // Fall-through: an empty case runs the next non-empty body.
        var resolved = new StmtFn?[bodies.Length];
        for (int i = bodies.Length - 1; i >= 0; i--)
        {
            resolved[i] = bodies[i] ?? (i + 1 < bodies.Length ? resolved[i + 1] : null);
        }

        int defaultCase = sw.Cases.ToList().FindIndex(x => x.Labels.Any(l => l.IsDefault));
        if (sw.Selector is ActionRunExpression run)
        {
            TableRuntime table = Table(run.Apply.Table, c);
            var map = new int[table.ActionIds.Length + 1];
            Array.Fill(map, defaultCase);
            for (int ci = 0; ci < sw.Cases.Count; ci++)
            {
                foreach (SwitchLabel label in sw.Cases[ci].Labels.Where(l => l.Action is not null))
                {
                    int ai = Array.IndexOf(table.ActionDeclarations, label.Action);
                    if (ai >= 0)
                    {
                        map[ai + 1] = ci;
                    }
                }
            }

            return s =>
            {
                if (table.Apply(s) == Flow.Exit)
                {
                    return Flow.Exit;
                }

                int ci = map[s.S[table.ActionSlot]];
                return ci >= 0 && resolved[ci] is { } body ? body(s) : Flow.Next;
            };
        }

        NarrowFn selector = Value(sw.Selector, c).AsNarrow();
        var values = new List<(ulong Value, int Case)>();
        for (int ci = 0; ci < sw.Cases.Count; ci++)
        {
            foreach (SwitchLabel label in sw.Cases[ci].Labels.Where(l => l.Value is not null))
            {
                ulong v = (ulong)(Value(label.Value!, c).Constant ?? throw new CompileException("switch labels must be constants"));
                values.Add((v, ci));
            }
        }

        ulong[] keys = [.. values.Select(v => v.Value)];
        int[] cases = [.. values.Select(v => v.Case)];
        return s =>
        {
            ulong v = selector(s);
            if (s.Exited)
            {
                return Flow.Exit;
            }

            int ci = defaultCase;
            for (int i = 0; i < keys.Length; i++)
            {
                if (keys[i] == v)
                {
                    ci = cases[i];
                    break;
                }
            }

            return ci >= 0 && resolved[ci] is { } body ? body(s) : Flow.Next;
        };
    }

    private StmtFn Call(BoundExpression call, Ctx c)
    {
        switch (call)
        {
            case ActionCall a:
                {
                    StmtFn body = InlineAction(a.Action, a.Arguments, c);
                    string name = a.Action.ControlPlaneName;
                    return s =>
                    {
                        s.Trace?.Add($"action {name}");
                        return body(s);
                    };
                }

            case FunctionCall f:
                return InlineFunction(f, c, null);
            case TableApplyExpression t:
                {
                    TableRuntime table = Table(t.Table, c);
                    return table.Apply;
                }

            case SubBlockApplyCall sub:
                return InlineSubBlock(sub, c);
            case ExternFunctionCall ef:
                return ExternFunctionStatement(ef, c);
            case ExternMethodCall em:
                return ExternMethodStatement(em, c);
            case BuiltinMethodCall bm:
                return BuiltinStatement(bm, c);
            case TableHitExpression or ActionRunExpression:
                {
                    NarrowFn v = Value(call, c).AsNarrow();
                    return s =>
                    {
                        v(s);
                        return s.Exited ? Flow.Exit : Flow.Next;
                    };
                }

            default:
                throw new CompileException($"'{call}' cannot be used as a statement");
        }
    }

    /// <summary>An action body inlined with its arguments; <c>return</c> leaves the action, <c>exit</c> propagates.</summary>
    private StmtFn InlineAction(ActionDeclaration action, IReadOnlyList<Argument> arguments, Ctx c)
    {
        var scope = new Scope(c.ControlScope);
        var pro = new List<StmtFn>();
        var epi = new List<StmtFn>();
        foreach (Argument arg in arguments)
        {
            BindArgument(arg.Parameter, arg.Value, scope, pro, epi, c);
        }

        StmtFn body = Statement(action.Body, c with { Scope = scope, ReturnLoc = null });
        return WithCopies(pro, body, epi);
    }

    private static StmtFn WithCopies(List<StmtFn> pro, StmtFn body, List<StmtFn> epi)
    {
        StmtFn before = Sequence(pro), after = Sequence(epi);
        if (pro.Count == 0 && epi.Count == 0)
        {
            return s => body(s) == Flow.Exit ? Flow.Exit : Flow.Next;
        }

        return s =>
        {
            before(s);
            int r = body(s);
            after(s);
            return r == Flow.Exit ? Flow.Exit : Flow.Next;
        };
    }

    /// <summary>
    /// Binds a parameter for an inlined call. Scalars passed <c>in</c> are copied in; <c>inout</c>/<c>out</c>
    /// arguments naming a fixed location are aliased (the observable result of copy-in/copy-out when
    /// the callee does not also reach the same location another way); the rest go through a temporary.
    /// </summary>
    private void BindArgument(Parameter parameter, BoundExpression argument, Scope scope, List<StmtFn> pro, List<StmtFn> epi, Ctx c)
    {
        Variable variable = parameter.Variable ?? throw new CompileException($"parameter '{parameter.Name}' has no storage");
        if (parameter.Type is ExternType)
        {
            scope.Bind(variable, argument is VariableExpression ve ? c.Scope.Lookup(ve.Variable) : new ExternLoc(parameter.Type));
            return;
        }

        if (parameter.Direction is ParameterDirection.In or ParameterDirection.None)
        {
            if (!Types.IsScalar(parameter.Type) && argument is VariableExpression or FieldExpression)
            {
                LValue lv = LValueOf(argument, c);
                if (lv.Static is { } alias && lv.Prologue is null)
                {
                    scope.Bind(variable, alias);
                    return;
                }
            }

            Loc copy = _alloc.Allocate(parameter.Type);
            pro.Add(AssignTo(copy, argument, c));
            scope.Bind(variable, copy);
            return;
        }

        if (argument is DontCareExpression)
        {
            scope.Bind(variable, _alloc.Allocate(parameter.Type));
            return;
        }

        LValue target = LValueOf(argument, c);
        if (target.Static is { } loc && target.Prologue is null && target.SliceOf is null)
        {
            scope.Bind(variable, loc);
            return;
        }

        Loc temp = _alloc.Allocate(parameter.Type);
        if (parameter.Direction == ParameterDirection.InOut)
        {
            pro.Add(AssignTo(temp, argument, c));
        }

        epi.Add(Types.IsScalar(parameter.Type) ? AssignScalar(target, Read(LValue.Of(temp), parameter.Type)) : Assign(argument, new LocExpression(temp), c));
        scope.Bind(variable, temp);
    }

    private StmtFn InlineFunction(FunctionCall call, Ctx c, Loc? result)
    {
        FunctionDeclaration f = call.Function;
        var scope = new Scope(c.ControlScope);
        var pro = new List<StmtFn>();
        var epi = new List<StmtFn>();
        foreach (Argument arg in call.Arguments)
        {
            BindArgument(arg.Parameter, arg.Value, scope, pro, epi, c);
        }

        Loc? ret = f.ReturnType is VoidType ? null : result ?? _alloc.Allocate(f.ReturnType);
        StmtFn body = Statement(f.Body, c with { Scope = scope, ReturnLoc = ret });
        return WithCopies(pro, body, epi);
    }

    private Val FunctionValue(FunctionCall call, Ctx c)
    {
        Loc ret = _alloc.Allocate(call.Function.ReturnType);
        StmtFn run = InlineFunction(call, c, ret);
        Val read = Read(LValue.Of(ret), call.Function.ReturnType);
        if (read.IsWide)
        {
            WideFn w = read.W!;
            return Val.Wide(s => { run(s); return w(s); }, read.Width, read.Signed);
        }

        NarrowFn n = read.N!;
        return Val.Narrow(s => { run(s); return n(s); }, read.Width, read.Signed);
    }

    private StmtFn InlineSubBlock(SubBlockApplyCall call, Ctx c)
    {
        var scope = new Scope(null);
        var pro = new List<StmtFn>();
        var epi = new List<StmtFn>();
        foreach (Argument arg in call.Arguments)
        {
            BindArgument(arg.Parameter, arg.Value, scope, pro, epi, c);
        }

        switch (call.Instance.Block)
        {
            case ControlDeclaration control:
                {
                    var ctx = new Ctx(scope, null, false, scope, control.Name);
                    var parts = control.LocalInitializers.Select(x => Statement(x, ctx)).ToList();
                    parts.Add(Statement(control.Apply, ctx));
                    return WithCopies(pro, Sequence(parts), epi);
                }

            case ParserDeclaration parser:
                {
                    ParserMachine machine = CompileParser(parser, scope, call.Instance.Name);
                    StmtFn before = Sequence(pro), after = Sequence(epi);
                    return s =>
                    {
                        before(s);
                        int r = machine.Run(s);
                        after(s);
                        return r;
                    };
                }

            default:
                throw new CompileException($"cannot apply '{call.Instance.Name}'");
        }
    }
}
