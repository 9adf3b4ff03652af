using System.Numerics;
using Themis.P4.Semantics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Checking;

internal sealed partial class Checker
{
    private ActionDeclaration BindAction(ActionSyntax a, Scope outer, ControlDeclaration? control)
    {
        var action = new ActionDeclaration(a.Name, ControlPlaneName(control?.ControlPlanePrefix, a.Name, a.Annotations), control, a.Annotations, a.NameSpan);
        Declare(outer, a.Name, a.NameSpan, action);
        var scope = new Scope(outer);
        var ps = BindParameters(a.Parameters, scope, null);
        bool sawData = false;
        foreach (var p in ps)
        {
            var ps0 = a.Parameters[p.Index];
            if (p.Direction == ParameterDirection.None)
            {
                sawData = true;
                if (p.Type is not (BitsType or BoolType or EnumType { IsSerializable: true } or NewType or UnknownType))
                {
                    Error(ps0.Type.Span, $"action data parameter '{p.Name}' must be bit<W>, int<W>, bool or a serializable enum, not '{p.Type}'");
                }
            }
            else if (sawData)
            {
                Error(ps0.Span, $"parameter '{p.Name}' of action '{a.Name}' has a direction but comes after a directionless parameter; directionless (action data) parameters must be last");
            }
            var v = new Variable(p.Name, p.Type, VariableKind.Parameter, p.Direction, action, action.MutableVariables.Count, ps0.NameSpan);
            action.MutableVariables.Add(v);
            p.Variable = v;
            scope.TryDeclare(p.Name, v);
        }
        action.Parameters = ps;
        var ctx = new Ctx(scope) { Owner = action, Kind = BodyKind.Action, Variables = action.MutableVariables, Control = control };
        action.Body = BindBlock(a.Body, ctx);
        return action;
    }

    private void BindBlockParameters(IReadOnlyList<ParameterSyntax> syntax, List<Parameter> ps, IVariableOwner owner, List<Variable> variables, Scope scope, string what)
    {
        foreach (var p in ps)
        {
            if (p.Direction == ParameterDirection.None && p.Type is not ExternType)
            {
                Error(syntax[p.Index].Span, $"parameter '{p.Name}' of {what} needs a direction (in, out or inout)");
            }
            var v = new Variable(p.Name, p.Type, VariableKind.Parameter, p.Direction, owner, variables.Count, syntax[p.Index].NameSpan);
            variables.Add(v);
            p.Variable = v;
            scope.TryDeclare(p.Name, v);
        }
    }

    /// <summary>Generic and constructor-parameterised parsers and controls are refused (docs/p4-frontend.md).</summary>
    private void RefuseGenericOrConstructed(string kind, string name, TextSpan nameSpan, IReadOnlyList<string> typeParameters, IReadOnlyList<ParameterSyntax> constructorParameters)
    {
        if (typeParameters.Count > 0)
        {
            Error(nameSpan, $"generic {kind} '{name}' is not supported");
        }
        if (constructorParameters.Count > 0)
        {
            Error(constructorParameters[0].Span, $"constructor parameters of {kind} '{name}' are not supported");
        }
    }

    private void CheckControl(ControlSyntax c)
    {
        var control = new ControlDeclaration(c.Name, ControlPlaneName(null, c.Name, c.Annotations), c.Annotations, c.Span);
        Declare(_global, c.Name, c.NameSpan, control);
        RefuseGenericOrConstructed("control", c.Name, c.NameSpan, c.TypeParameters, c.ConstructorParameters);
        var scope = new Scope(_global);
        var ps = BindParameters(c.Parameters, scope, null);
        BindBlockParameters(c.Parameters, ps, control, control.MutableVariables, scope, $"control '{c.Name}'");
        control.Parameters = ps;
        var ctx = new Ctx(scope) { Owner = control, Kind = BodyKind.ControlApply, Variables = control.MutableVariables, Control = control };
        var actions = new List<ActionDeclaration>();
        var tables = new List<TableDeclaration>();
        var instances = new List<ExternInstance>();
        var subs = new List<SubBlockInstance>();
        var inits = new List<BoundStatement>();
        var tableSyntax = new List<(TableDeclaration, TableSyntax)>();
        foreach (var local in c.Locals)
        {
            switch (local)
            {
                case ConstantSyntax k:
                    BindConstant(k, scope, ctx);
                    break;
                case VariableSyntax v:
                    {
                        var decl = DeclareLocalVariable(v, ctx);
                        if (decl != null)
                        {
                            inits.Add(decl);
                        }
                        break;
                    }
                case ActionSyntax a:
                    actions.Add(BindAction(a, scope, control));
                    break;
                case TableSyntax t:
                    {
                        var table = new TableDeclaration(t.Name, ControlPlaneName(control.ControlPlanePrefix, t.Name, t.Annotations), control, t.Annotations, t.NameSpan);
                        if (Declare(scope, t.Name, t.NameSpan, table))
                        {
                            tables.Add(table);
                            BindTable(table, t, ctx);
                        }
                        break;
                    }
                case InstantiationSyntax i:
                    BindInstantiation(i, scope, control.ControlPlanePrefix, instances, subs);
                    break;
                case UnsupportedDeclarationSyntax u:
                    Error(u.Span, $"{u.What} is not supported in a control");
                    break;
            }
        }
        control.Actions = actions;
        control.Tables = tables;
        control.Instances = instances;
        control.SubInstances = subs;
        control.LocalInitializers = inits;
        if (c.Apply == null)
        {
            Error(c.NameSpan, $"control '{c.Name}' has no apply block; add 'apply {{ ... }}' after its declarations");
        }
        else
        {
            control.Apply = BindBlock(c.Apply, ctx);
        }
        CheckDirectResourceUse(control);
        _controls.Add(control);
    }

    private void BindInstantiation(InstantiationSyntax i, Scope scope, string prefix, List<ExternInstance> instances, List<SubBlockInstance> subs)
    {
        var sym = i.Type is NamedTypeSyntax nt ? scope.Lookup(nt.Name) : null;
        if (sym is IP4Block block)
        {
            if (i.Arguments.Count > 0)
            {
                Error(i.Span, $"'{block.Name}' has no constructor parameters");
            }
            var sub = new SubBlockInstance(i.Name, block, i.NameSpan);
            _subInstanceAnnotations[sub] = i.Annotations;
            if (Declare(scope, i.Name, i.NameSpan, sub))
            {
                subs.Add(sub);
            }
            return;
        }
        var inst = BindExternInstance(i, scope, prefix);
        if (inst != null && Declare(scope, i.Name, i.NameSpan, inst))
        {
            instances.Add(inst);
        }
    }

    private ExternInstance? BindExternInstance(InstantiationSyntax i, Scope scope, string? prefix)
    {
        var type = ResolveType(i.Type, scope);
        if (type is UnknownType)
        {
            return null;
        }
        if (type is not ExternType et)
        {
            Error(i.Type.Span, $"'{type}' cannot be instantiated; only extern objects, parsers and controls can");
            return null;
        }
        if (et.TypeArguments.Any(t => t is TypeParameter))
        {
            Error(i.Type.Span, $"extern '{et.Declaration.Name}' needs type arguments: {et.Declaration.Name}<{string.Join(", ", et.Declaration.TypeParameters.Select(_ => "..."))}>");
            return null;
        }
        var ctors = et.Declaration.Methods.Where(m => m.IsConstructor).ToList();
        if (ctors.Count == 0)
        {
            Error(i.Type.Span, $"extern '{et.Declaration.Name}' has no constructor and cannot be instantiated here");
            return null;
        }
        var ctor = PickOverload(ctors, i.Arguments.Count, m => m.Parameters);
        if (ctor == null)
        {
            Error(i.Span, $"no constructor of '{et.Declaration.Name}' takes {i.Arguments.Count} argument(s); it is declared as: {string.Join("; ", ctors)}");
            return null;
        }
        var map = new Dictionary<TypeParameter, P4Type>();
        for (int k = 0; k < et.TypeArguments.Count; k++)
        {
            map[et.Declaration.TypeParameters[k]] = et.TypeArguments[k];
        }
        var fakeCall = new CallSyntax(new NameSyntax(et.Declaration.Name, false, i.Type.Span), [], i.Arguments, i.Span);
        var args = BindArguments(ctor.Parameters, fakeCall, new Ctx(scope), map, $"the constructor of '{et.Declaration.Name}'");
        var values = new List<BoundExpression>();
        for (int k = 0; k < args.Count; k++)
        {
            var v = args[k].Value;
            if (!v.IsConstant && v.Type is not UnknownType)
            {
                Error(v.Span, $"constructor argument '{args[k].Parameter.Name}' of '{i.Name}' must be a compile-time constant");
            }
            values.Add(v);
        }
        if (et.Declaration.Name is "register" or "counter" or "meter" && args.Count > 0 && args[0].Value is LiteralExpression { Value: BigInteger size } && size <= 0)
        {
            Error(args[0].Value.Span, $"the size of {et.Declaration.Name} '{i.Name}' must be positive");
        }
        if (et.Declaration.Name == "register" && et.TypeArguments.Count > 0 && et.TypeArguments[0] is not (BitsType or UnknownType))
        {
            Error(i.Type.Span, $"register cells must be bit<W> or int<W> (BMv2 supports only these), not '{et.TypeArguments[0]}'");
        }
        return new ExternInstance(i.Name, ControlPlaneName(prefix, i.Name, i.Annotations), et, ctor, values, i.Annotations, i.NameSpan);
    }

    /// <summary>A direct counter/meter may be attached to one table only, and direct_meter.read only in that table's actions.</summary>
    private void CheckDirectResourceUse(ControlDeclaration control)
    {
        foreach (var inst in control.Instances.Where(x => x.Type.Declaration.Name is "direct_counter" or "direct_meter"))
        {
            var owners = control.Tables.Where(t => t.DirectCounter == inst || t.DirectMeter == inst).ToList();
            if (owners.Count > 1)
            {
                Error(inst.Span, $"{inst.Type.Declaration.Name} '{inst.Name}' is attached to more than one table ({string.Join(", ", owners.Select(t => t.Name))})");
            }
            else if (owners.Count == 0)
            {
                Warning(inst.Span, $"{inst.Type.Declaration.Name} '{inst.Name}' is not attached to any table (add 'counters = {inst.Name};' or 'meters = {inst.Name};' to a table)");
            }
        }
    }

    private void CheckParser(ParserSyntax p)
    {
        var parser = new ParserDeclaration(p.Name, p.Annotations, p.Span);
        Declare(_global, p.Name, p.NameSpan, parser);
        RefuseGenericOrConstructed("parser", p.Name, p.NameSpan, p.TypeParameters, p.ConstructorParameters);
        var scope = new Scope(_global);
        var ps = BindParameters(p.Parameters, scope, null);
        BindBlockParameters(p.Parameters, ps, parser, parser.MutableVariables, scope, $"parser '{p.Name}'");
        parser.Parameters = ps;
        var ctx = new Ctx(scope) { Owner = parser, Kind = BodyKind.Parser, Variables = parser.MutableVariables, Parser = parser };
        var instances = new List<ExternInstance>();
        var subs = new List<SubBlockInstance>();
        var inits = new List<BoundStatement>();
        foreach (var local in p.Locals)
        {
            switch (local)
            {
                case ConstantSyntax k:
                    BindConstant(k, scope, ctx);
                    break;
                case VariableSyntax v:
                    {
                        var decl = DeclareLocalVariable(v, ctx);
                        if (decl != null)
                        {
                            inits.Add(decl);
                        }
                        break;
                    }
                case InstantiationSyntax i:
                    BindInstantiation(i, scope, p.Name, instances, subs);
                    break;
                case UnsupportedDeclarationSyntax u:
                    Error(u.Span, $"{u.What} is not supported by this front end (BMv2's P4Runtime server does not support value sets either); use a select on constants instead");
                    break;
            }
        }
        parser.Instances = instances;
        parser.SubInstances = subs;
        parser.LocalInitializers = inits;

        // States first (transitions may go forward), then their bodies.
        var states = new List<ParserState>();
        var byName = new Dictionary<string, ParserState>(StringComparer.Ordinal);
        foreach (var s in p.States)
        {
            if (s.Name is "accept" or "reject")
            {
                Error(s.NameSpan, $"state '{s.Name}' is built in and cannot be declared");
                continue;
            }
            if (byName.ContainsKey(s.Name))
            {
                Error(s.NameSpan, $"duplicate state '{s.Name}' in parser '{p.Name}'");
                continue;
            }
            var st = new ParserState(s.Name, states.Count, s.Annotations, s.NameSpan);
            states.Add(st);
            byName[s.Name] = st;
        }
        var accept = new ParserState("accept", states.Count, [], p.NameSpan);
        states.Add(accept);
        byName["accept"] = accept;
        var reject = new ParserState("reject", states.Count, [], p.NameSpan);
        states.Add(reject);
        byName["reject"] = reject;
        if (!byName.ContainsKey("start"))
        {
            Error(p.NameSpan, $"parser '{p.Name}' has no 'start' state");
        }
        foreach (var s in p.States)
        {
            if (!byName.TryGetValue(s.Name, out var st) || st.Span != s.NameSpan)
            {
                continue;
            }
            var sctx = ctx.Nested();
            var statements = new List<BoundStatement>();
            foreach (var stmt in s.Statements)
            {
                var b = BindStatement(stmt, sctx);
                if (b != null)
                {
                    statements.Add(b);
                }
            }
            st.Statements = statements;
            st.Transition = s.Transition == null ? new DirectTransition(reject) : BindTransition(s.Transition, sctx, byName);
        }
        parser.States = states;
        _parsers.Add(parser);
    }

    private ParserTransition BindTransition(TransitionSyntax t, Ctx ctx, Dictionary<string, ParserState> states)
    {
        ParserState Target(string name, TextSpan span)
        {
            if (states.TryGetValue(name, out var s))
            {
                return s;
            }
            Error(span, $"unknown state '{name}'");
            return states["reject"];
        }
        if (t.State != null)
        {
            return new DirectTransition(Target(t.State, t.StateSpan));
        }
        var exprs = t.SelectExpressions!.Select(e => BindExpression(e, ctx, null)).ToList();
        for (int i = 0; i < exprs.Count; i++)
        {
            if (exprs[i].Type is not (BitsType or BoolType or EnumType { IsSerializable: true } or UnknownType or ErrorType))
            {
                Error(exprs[i].Span, $"select can only match bit<W>, int<W>, bool, error or serializable enum values, not '{exprs[i].Type}'");
            }
        }
        var cases = new List<SelectCase>();
        foreach (var c in t.Cases!)
        {
            var keysets = BindKeysetTuple(c.Keyset, exprs.Select(e => e.Type).ToList(), ctx, "select case");
            cases.Add(new SelectCase(keysets, Target(c.State, c.StateSpan)));
        }
        return new SelectTransition(exprs, cases);
    }

    /// <summary>Binds a (possibly tuple) keyset against the key types; one keyset per key.</summary>
    private List<Keyset> BindKeysetTuple(ExpressionSyntax syntax, List<P4Type> keyTypes, Ctx ctx, string what)
    {
        if (syntax is DefaultSyntax or DontCareSyntax)
        {
            return [.. keyTypes.Select(_ => (Keyset)DefaultKeyset.Instance)];
        }
        var elements = syntax is ListSyntax l ? l.Elements : [syntax];
        if (keyTypes.Count == 1 && syntax is ListSyntax && elements.Count != 1)
        {
            elements = [syntax];
        }
        if (elements.Count != keyTypes.Count)
        {
            Error(syntax.Span, $"this {what} has {elements.Count} value(s) but there are {keyTypes.Count} key(s)");
            return [.. keyTypes.Select(_ => (Keyset)DefaultKeyset.Instance)];
        }
        return [.. elements.Select((e, i) => BindKeyset(e, keyTypes[i], ctx))];
    }

    private Keyset BindKeyset(ExpressionSyntax e, P4Type keyType, Ctx ctx)
    {
        if (e is DefaultSyntax or DontCareSyntax)
        {
            return DefaultKeyset.Instance;
        }
        int width = keyType.BitWidth ?? (keyType is ErrorType ? 32 : 0);
        BigInteger? Value(ExpressionSyntax s)
        {
            var bound = BindExpression(s, ctx, keyType);
            var target = keyType is EnumType { UnderlyingBits: { } ub } && bound.Type is InfIntType or BitsType ? ub : keyType;
            var v = ConvertTo(bound, target, s.Span);
            if (v.Type is UnknownType || keyType is UnknownType)
            {
                return null;
            }
            BigInteger? value = v switch
            {
                LiteralExpression { Value: BigInteger b } => b,
                LiteralExpression { Value: bool bb } => bb ? 1 : 0,
                EnumMemberExpression em => em.Value,
                ErrorMemberExpression er => er.Code,
                _ => null,
            };
            if (value == null)
            {
                Error(s.Span, $"'{_source.GetText(s.Span)}' must be a compile-time constant");
                return null;
            }
            return width > 0 ? ToUnsigned(value.Value, width) & ((BigInteger.One << width) - 1) : value;
        }
        if (e is BinarySyntax { Operator: "&&&" } mask)
        {
            var v = Value(mask.Left);
            var m = Value(mask.Right);
            return v != null && m != null ? new MaskKeyset(v.Value & m.Value, m.Value) : DefaultKeyset.Instance;
        }
        if (e is BinarySyntax { Operator: ".." } range)
        {
            var lo = Value(range.Left);
            var hi = Value(range.Right);
            if (lo != null && hi != null && lo > hi)
            {
                Warning(e.Span, $"range {lo}..{hi} is empty (low > high)");
            }
            return lo != null && hi != null ? new RangeKeyset(lo.Value, hi.Value) : DefaultKeyset.Instance;
        }
        var value = Value(e);
        return value != null ? new ValueKeyset(value.Value) : DefaultKeyset.Instance;
    }
}
