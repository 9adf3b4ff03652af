using System.Numerics;
using Themis.P4.Semantics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Checking;

internal sealed partial class Checker
{
    private BoundExpression BindCall(CallSyntax call, Ctx ctx)
    {
        var explicitTypeArgs = call.TypeArguments.Select(t => ResolveType(t, ctx.Scope)).ToList();
        if (call.Target is NameSyntax n)
        {
            var sym = n.IsGlobal ? _global.Lookup(n.Name) : ctx.Scope.Lookup(n.Name);
            switch (sym)
            {
                case ActionDeclaration action:
                    return BindActionCall(action, call, ctx);
                case FunctionDeclaration fn:
                    if (ctx.Kind == BodyKind.None)
                    {
                        Error(call.Span, $"function '{fn.Name}' cannot be called here");
                    }
                    return new FunctionCall(fn, BindArguments(fn.Parameters, call, ctx, new Dictionary<TypeParameter, P4Type>(), $"function '{fn.Name}'"), call.Span);
                case List<ExternFunction> overloads:
                    return BindExternFunctionCall(overloads, call, explicitTypeArgs, ctx);
                case null:
                    Error(n.Span, $"unknown name '{n.Name}'");
                    BindArgumentsLoosely(call, ctx);
                    return Unknown(call.Span);
                case ExternDeclaration or BlockPrototype or IP4Block:
                    Error(call.Span, $"'{n.Name}' is a type; instances are declared as {n.Name}(...) name; in a control, parser or at the top level");
                    return Unknown(call.Span);
                default:
                    Error(n.Span, $"'{n.Name}' is not an action or function and cannot be called");
                    BindArgumentsLoosely(call, ctx);
                    return Unknown(call.Span);
            }
        }
        if (call.Target is MemberSyntax m)
        {
            // t.apply() and sub.apply(...)
            if (m.Target is NameSyntax tn && m.Member == "apply")
            {
                var sym = tn.IsGlobal ? _global.Lookup(tn.Name) : ctx.Scope.Lookup(tn.Name);
                if (sym is TableDeclaration table)
                {
                    if (call.Arguments.Count > 0)
                    {
                        Error(call.Span, $"apply() of table '{table.Name}' takes no arguments");
                    }
                    if (ctx.Kind == BodyKind.Action)
                    {
                        Error(call.Span, $"table '{table.Name}' cannot be applied inside an action; apply tables in the control's apply block");
                    }
                    else if (ctx.Kind == BodyKind.Parser)
                    {
                        Error(call.Span, $"table '{table.Name}' cannot be applied in a parser");
                    }
                    else if (ctx.Kind == BodyKind.Function)
                    {
                        Error(call.Span, $"table '{table.Name}' cannot be applied inside a function");
                    }
                    return new TableApplyExpression(table, call.Span);
                }
                if (sym is SubBlockInstance sub)
                {
                    bool isParser = sub.Block is ParserDeclaration;
                    if (isParser != (ctx.Kind == BodyKind.Parser) || ctx.Kind is BodyKind.Action or BodyKind.Function)
                    {
                        Error(call.Span, isParser ? $"parser '{sub.Name}' can only be applied in a parser state" : $"control '{sub.Name}' can only be applied in a control's apply block");
                    }
                    var args = BindArguments(sub.Block.Parameters, call, ctx, [], $"'{sub.Name}.apply'");
                    return new SubBlockApplyCall(sub, args, call.Span);
                }
            }
            var target = BindExpression(m.Target, ctx, null);
            switch (target.Type)
            {
                case UnknownType:
                    BindArgumentsLoosely(call, ctx);
                    return Unknown(call.Span);
                case ExternType et:
                    return BindExternMethodCall(target, et, m, call, explicitTypeArgs, ctx);
                case StructType { Kind: StructKind.Header or StructKind.HeaderUnion } h:
                    return BindHeaderMethod(target, h, m, call);
                case StackType s:
                    return BindStackMethod(target, s, m, call, ctx);
                default:
                    Error(m.MemberSpan, $"'{_source.GetText(m.Target.Span)}' of type '{target.Type}' has no method '{m.Member}'");
                    BindArgumentsLoosely(call, ctx);
                    return Unknown(call.Span);
            }
        }
        Error(call.Target.Span, "this expression cannot be called");
        return Unknown(call.Span);
    }

    private void BindArgumentsLoosely(CallSyntax call, Ctx ctx)
    {
        foreach (var a in call.Arguments)
        {
            BindExpression(a.Value, ctx, null);
        }
    }

    private BoundExpression BindActionCall(ActionDeclaration action, CallSyntax call, Ctx ctx)
    {
        switch (ctx.Kind)
        {
            case BodyKind.Parser:
                Error(call.Span, $"action '{action.Name}' cannot be called in a parser");
                break;
            case BodyKind.Function:
                Error(call.Span, $"action '{action.Name}' cannot be called from a function");
                break;
            case BodyKind.None:
                Error(call.Span, $"action '{action.Name}' cannot be called here");
                break;
            case BodyKind.Action when ctx.Owner == action:
                Error(call.Span, $"action '{action.Name}' cannot call itself (recursion is not allowed in P4)");
                break;
        }
        var args = BindArguments(action.Parameters, call, ctx, [], $"action '{action.Name}'");
        return new ActionCall(action, args, call.Span);
    }

    private BoundExpression BindExternFunctionCall(List<ExternFunction> overloads, CallSyntax call, List<P4Type> explicitTypeArgs, Ctx ctx)
    {
        var fn = PickOverload(overloads, call.Arguments.Count, f => f.Parameters);
        if (fn == null)
        {
            Error(call.Span, $"no overload of '{overloads[0].Name}' takes {call.Arguments.Count} argument(s); it is declared as: {string.Join("; ", overloads)}");
            BindArgumentsLoosely(call, ctx);
            return Unknown(call.Span);
        }
        if (ctx.Kind is BodyKind.None)
        {
            Error(call.Span, $"'{fn.Name}' cannot be called here");
        }
        if (fn.Name == "verify" && ctx.Kind != BodyKind.Parser)
        {
            Error(call.Span, "verify() can only be called in a parser");
        }
        var map = BindTypeArguments(fn.TypeParameters, explicitTypeArgs, call, fn.Name);
        var args = BindArguments(fn.Parameters, call, ctx, map, $"'{fn.Name}'");
        var typeArgs = CompleteTypeArguments(fn.TypeParameters, map, call, fn.Name);
        CheckV1ModelCall(fn.Name, args, call, ctx);
        return new ExternFunctionCall(fn, typeArgs, Substitute(fn.ReturnType, map), args, call.Span);
    }

    private static T? PickOverload<T>(List<T> overloads, int argCount, Func<T, IReadOnlyList<Parameter>> parameters)
        where T : class
    {
        return overloads.FirstOrDefault(o => parameters(o).Count == argCount)
            ?? overloads.FirstOrDefault(o => parameters(o).Count > argCount && parameters(o).Skip(argCount).All(p => p.DefaultValue != null));
    }

    private Dictionary<TypeParameter, P4Type> BindTypeArguments(IReadOnlyList<TypeParameter> typeParameters, List<P4Type> explicitTypeArgs, CallSyntax call, string name)
    {
        var map = new Dictionary<TypeParameter, P4Type>();
        if (explicitTypeArgs.Count > 0)
        {
            if (explicitTypeArgs.Count != typeParameters.Count)
            {
                Error(call.Span, $"'{name}' takes {typeParameters.Count} type argument(s) but {explicitTypeArgs.Count} were given");
            }
            for (int i = 0; i < Math.Min(explicitTypeArgs.Count, typeParameters.Count); i++)
            {
                if (explicitTypeArgs[i] is not DontCareType)
                {
                    map[typeParameters[i]] = explicitTypeArgs[i];
                }
            }
        }
        return map;
    }

    private List<P4Type> CompleteTypeArguments(IReadOnlyList<TypeParameter> typeParameters, Dictionary<TypeParameter, P4Type> map, CallSyntax call, string name)
    {
        var list = new List<P4Type>();
        foreach (var tp in typeParameters)
        {
            if (!map.TryGetValue(tp, out var t))
            {
                Error(call.Span, $"cannot infer type argument {tp.Name} of '{name}'; give it explicitly: {name}<...>(...)");
                t = UnknownType.Instance;
            }
            list.Add(t);
        }
        return list;
    }

    private BoundExpression BindExternMethodCall(BoundExpression target, ExternType et, MemberSyntax m, CallSyntax call, List<P4Type> explicitTypeArgs, Ctx ctx)
    {
        var candidates = et.Declaration.Methods.Where(x => x.Name == m.Member && !x.IsConstructor).ToList();
        if (candidates.Count == 0)
        {
            Error(m.MemberSpan, $"extern '{et.Declaration.Name}' has no method '{m.Member}'");
            BindArgumentsLoosely(call, ctx);
            return Unknown(call.Span);
        }
        var method = PickOverload(candidates, call.Arguments.Count, x => x.Parameters);
        if (method == null)
        {
            Error(call.Span, $"no overload of '{et.Declaration.Name}.{m.Member}' takes {call.Arguments.Count} argument(s); it is declared as: {string.Join("; ", candidates)}");
            BindArgumentsLoosely(call, ctx);
            return Unknown(call.Span);
        }
        var map = new Dictionary<TypeParameter, P4Type>();
        for (int i = 0; i < Math.Min(et.Declaration.TypeParameters.Count, et.TypeArguments.Count); i++)
        {
            if (et.TypeArguments[i] is not TypeParameter)
            {
                map[et.Declaration.TypeParameters[i]] = et.TypeArguments[i];
            }
        }
        foreach (var kv in BindTypeArguments(method.TypeParameters, explicitTypeArgs, call, m.Member))
        {
            map[kv.Key] = kv.Value;
        }
        var args = BindArguments(method.Parameters, call, ctx, map, $"'{et.Declaration.Name}.{method.Name}'");
        var typeArgs = CompleteTypeArguments(method.TypeParameters, map, call, method.Name);
        var declName = et.Declaration.Name;
        if (declName == "packet_in" && ctx.Kind != BodyKind.Parser)
        {
            Error(call.Span, $"packet_in.{method.Name} can only be called in a parser");
        }
        if (declName == "packet_in" && method.Name == "extract")
        {
            var t = typeArgs.Count > 0 ? typeArgs[0] : UnknownType.Instance;
            if (t is not (StructType { IsHeader: true } or UnknownType))
            {
                Error(call.Arguments[0].Span, $"extract needs a header, not '{t}'");
            }
            else if (t is StructType h && method.Parameters.Count == 1 && h.VarbitField != null)
            {
                Error(call.Span, $"header '{h.Name}' has a varbit field: extract it with two arguments, extract(hdr, sizeInBits)");
            }
            else if (t is StructType h2 && method.Parameters.Count == 2 && h2.VarbitField == null)
            {
                Error(call.Span, $"header '{h2.Name}' has no varbit field: extract it with one argument");
            }
        }
        if (declName == "packet_in" && method.Name == "lookahead" && typeArgs.Count > 0 && typeArgs[0].BitWidth == null && typeArgs[0] is not UnknownType)
        {
            Error(call.Span, $"lookahead needs a type with a fixed width, not '{typeArgs[0]}'");
        }
        if (declName == "packet_out" && method.Name == "emit")
        {
            var t = typeArgs.Count > 0 ? typeArgs[0] : UnknownType.Instance;
            if (!IsEmittable(t))
            {
                Error(call.Arguments[0].Span, $"emit needs a header, header stack, header union or a struct of them, not '{t}'");
            }
        }
        if (ctx.Kind == BodyKind.None)
        {
            Error(call.Span, $"'{declName}.{method.Name}' cannot be called here");
        }
        return new ExternMethodCall(target, et, method, typeArgs, Substitute(method.ReturnType, map), args, call.Span);
    }

    private static bool IsEmittable(P4Type t) => t switch
    {
        UnknownType => true,
        StructType { Kind: StructKind.Header or StructKind.HeaderUnion } => true,
        StackType => true,
        StructType { Kind: StructKind.Struct } s => s.Fields.All(f => IsEmittable(f.Type)),
        _ => false,
    };

    private BoundExpression BindHeaderMethod(BoundExpression target, StructType h, MemberSyntax m, CallSyntax call)
    {
        BuiltinMethod? method = m.Member switch
        {
            "isValid" => BuiltinMethod.IsValid,
            "setValid" when h.IsHeader => BuiltinMethod.SetValid,
            "setInvalid" when h.IsHeader => BuiltinMethod.SetInvalid,
            "minSizeInBits" => BuiltinMethod.MinSizeInBits,
            "minSizeInBytes" => BuiltinMethod.MinSizeInBytes,
            _ => null,
        };
        if (method == null)
        {
            Error(m.MemberSpan, $"{(h.IsHeader ? "header" : "header_union")} '{h.Name}' has no method '{m.Member}' (it has isValid(){(h.IsHeader ? ", setValid(), setInvalid()" : "")})");
            return Unknown(call.Span);
        }
        if (call.Arguments.Count > 0)
        {
            Error(call.Span, $"{m.Member}() takes no arguments");
        }
        if (method is BuiltinMethod.SetValid or BuiltinMethod.SetInvalid)
        {
            CheckLValue(target, m.Target.Span, $"call {m.Member}() on");
        }
        if (method is BuiltinMethod.MinSizeInBits or BuiltinMethod.MinSizeInBytes)
        {
            var bits = h.BitWidth ?? 0;
            return new LiteralExpression(InfIntType.Instance, new BigInteger(method == BuiltinMethod.MinSizeInBits ? bits : (bits + 7) / 8), call.Span);
        }
        return new BuiltinMethodCall(target, method.Value, [], method == BuiltinMethod.IsValid ? BoolType.Instance : VoidType.Instance, call.Span);
    }

    private BoundExpression BindStackMethod(BoundExpression target, StackType s, MemberSyntax m, CallSyntax call, Ctx ctx)
    {
        if (m.Member is not ("push_front" or "pop_front"))
        {
            Error(m.MemberSpan, $"header stack has no method '{m.Member}' (it has push_front(n) and pop_front(n))");
            BindArgumentsLoosely(call, ctx);
            return Unknown(call.Span);
        }
        if (call.Arguments.Count != 1)
        {
            Error(call.Span, $"{m.Member} takes one argument: the number of elements");
            return Unknown(call.Span);
        }
        var count = RequireInteger(BindExpression(call.Arguments[0].Value, ctx, null), call.Arguments[0].Span, $"the argument of {m.Member}");
        if (count < 0)
        {
            Error(call.Arguments[0].Span, $"the argument of {m.Member} cannot be negative");
        }
        CheckLValue(target, m.Target.Span, $"call {m.Member} on");
        var arg = new LiteralExpression(BitsType.Get(32, false), count ?? 0, call.Arguments[0].Span);
        return new BuiltinMethodCall(target, m.Member == "push_front" ? BuiltinMethod.PushFront : BuiltinMethod.PopFront, [arg], VoidType.Instance, call.Span);
    }

    /// <summary>
    /// Matches arguments to parameters (positional or all named), fills defaults, infers type
    /// parameters into <paramref name="map"/>, converts values and checks out/inout l-values.
    /// </summary>
    private List<Argument> BindArguments(IReadOnlyList<Parameter> parameters, CallSyntax call, Ctx ctx, Dictionary<TypeParameter, P4Type> map, string callee, int skip = 0)
    {
        var result = new List<Argument>();
        var syntaxFor = new ArgumentSyntax?[parameters.Count];
        bool named = call.Arguments.Count > 0 && call.Arguments.All(a => a.Name != null);
        if (call.Arguments.Any(a => a.Name != null) && !named)
        {
            Error(call.Span, $"either all arguments of {callee} must be named or none");
        }
        if (named)
        {
            foreach (var a in call.Arguments)
            {
                int idx = parameters.ToList().FindIndex(p => p.Name == a.Name);
                if (idx < 0)
                {
                    Error(a.Span, $"{callee} has no parameter named '{a.Name}'");
                    continue;
                }
                if (syntaxFor[idx] != null)
                {
                    Error(a.Span, $"parameter '{a.Name}' of {callee} is given twice");
                }
                syntaxFor[idx] = a;
            }
        }
        else
        {
            if (call.Arguments.Count > parameters.Count - skip)
            {
                Error(call.Span, $"{callee} takes {parameters.Count - skip} argument(s) but {call.Arguments.Count} were given");
            }
            for (int i = 0; i < call.Arguments.Count && i + skip < parameters.Count; i++)
            {
                syntaxFor[i + skip] = call.Arguments[i];
            }
        }
        bool reportedMissing = false;
        for (int i = skip; i < parameters.Count; i++)
        {
            var p = parameters[i];
            var a = syntaxFor[i];
            if (a == null)
            {
                if (p.DefaultValue != null)
                {
                    result.Add(new Argument(p, p.DefaultValue));
                    continue;
                }
                if (!reportedMissing)
                {
                    int given = call.Arguments.Count;
                    Error(call.Span, named
                        ? $"{callee}: parameter '{p.Name}' has no argument"
                        : $"{callee} takes {parameters.Count - skip} argument(s) but {given} were given; missing '{p.Name}'");
                    reportedMissing = true;
                }
                result.Add(new Argument(p, Unknown(call.Span)));
                continue;
            }
            var formal = Substitute(p.Type, map);
            var value = BindExpression(a.Value, ctx, ContainsTypeParameter(formal) ? null : formal);
            if (ContainsTypeParameter(formal))
            {
                if (value.Type is InfIntType && formal is TypeParameter tpi)
                {
                    Error(a.Value.Span, $"cannot infer the width of '{_source.GetText(a.Value.Span)}' for {tpi.Name} in {callee}: give the literal a width (e.g. 32w{_source.GetText(a.Value.Span)}) or cast it");
                    value = Unknown(a.Value.Span);
                    map[tpi] = UnknownType.Instance;
                }
                else if (value is ListExpression le && le.Elements.Any(e => e.Type is InfIntType))
                {
                    var bad = le.Elements.First(e => e.Type is InfIntType);
                    Error(bad.Span, $"cannot infer the width of '{_source.GetText(bad.Span)}' in this list: give the literal a width (e.g. 8w{_source.GetText(bad.Span)})");
                    value = Unknown(a.Value.Span);
                }
                else if (value is DontCareExpression && p.Direction == ParameterDirection.Out)
                {
                    // '_' leaves T unbound; reported by the caller if it cannot be inferred elsewhere.
                }
                else if (!Unify(formal, value.Type, map))
                {
                    Error(a.Value.Span, $"argument '{p.Name}' of {callee}: '{value.Type}' does not match '{Substitute(formal, map)}'");
                }
                formal = Substitute(formal, map);
            }
            if (value is not DontCareExpression || p.Direction != ParameterDirection.Out)
            {
                if (value is DontCareExpression)
                {
                    Error(a.Value.Span, $"'_' can only be passed to an out parameter ('{p.Name}' of {callee} is {DirectionText(p.Direction)})");
                }
                else if (!ContainsTypeParameter(formal))
                {
                    value = ConvertTo(value, formal, a.Value.Span);
                }
            }
            if (p.Direction is ParameterDirection.Out or ParameterDirection.InOut && value is not DontCareExpression)
            {
                CheckLValue(value, a.Value.Span, $"pass as '{DirectionText(p.Direction)}' argument '{p.Name}' of {callee}:");
            }
            if (p.Direction == ParameterDirection.None && ctx.Kind != BodyKind.None && !value.IsConstant && value.Type is not UnknownType
                && callee.StartsWith('\'') && value.Type is not (StringType or ExternType))
            {
                // Direction-less parameters of externs must be compile-time known (v1model: algo, index).
                Error(a.Value.Span, $"argument '{p.Name}' of {callee} must be a compile-time constant");
            }
            result.Add(new Argument(p, value));
        }
        return result;
    }

    /// <summary>Reports when <paramref name="e"/> cannot be written (spec 6.7: l-values).</summary>
    private void CheckLValue(BoundExpression e, TextSpan span, string what)
    {
        switch (e)
        {
            case VariableExpression v:
                if (!v.Variable.IsWritable)
                {
                    var reason = v.Variable.Direction == ParameterDirection.In
                        ? $"'{v.Variable.Name}' is an 'in' parameter"
                        : $"'{v.Variable.Name}' is a directionless (action data) parameter, which is read-only";
                    Error(span, $"cannot {what} '{_source.GetText(span)}': {reason}");
                }
                return;
            case FieldExpression f:
                CheckLValue(f.Target, span, what);
                return;
            case StackElementExpression s:
                CheckLValue(s.Stack, span, what);
                return;
            case StackPropertyExpression { Property: StackProperty.Next or StackProperty.Last } sp:
                CheckLValue(sp.Stack, span, what);
                return;
            case SliceExpression sl:
                CheckLValue(sl.Target, span, what);
                return;
            case DontCareExpression:
                return;
            case LiteralExpression { Type: UnknownType }:
                return;
            default:
                Error(span, $"cannot {what} '{_source.GetText(span)}': it is not an l-value (a variable, field, stack element or slice)");
                return;
        }
    }

    /// <summary>Extra checks of v1model externs that p4c's v1model front end makes.</summary>
    private void CheckV1ModelCall(string name, List<Argument> args, CallSyntax call, Ctx ctx)
    {
        switch (name)
        {
            case "digest":
                if (args.Count == 2 && args[1].Value.Type is not (StructType { Kind: StructKind.Struct } or UnknownType))
                {
                    Error(call.Arguments[1].Span, $"digest data must be a struct (its type names the digest in P4Info), not '{args[1].Value.Type}'");
                }
                break;
            case "hash":
            case "verify_checksum":
            case "update_checksum":
            case "verify_checksum_with_payload":
            case "update_checksum_with_payload":
                {
                    var data = args.FirstOrDefault(a => a.Parameter.Name == "data")?.Value;
                    if (data != null && data.Type is not (TupleType or StructType or BitsType or UnknownType))
                    {
                        Error(data.Span, $"the data of {name} must be a list of fields {{ a, b, ... }}, not '{data.Type}'");
                    }
                    if (name == "hash" && args[0].Value.Type is not (BitsType { IsSigned: false } or UnknownType) && args[0].Value is not DontCareExpression)
                    {
                        Error(call.Arguments[0].Span, $"the result of hash must be a bit<W>, not '{args[0].Value.Type}'");
                    }
                    break;
                }
        }
        if (name is "mark_to_drop" && args.Count == 0)
        {
            Warning(call.Span, "mark_to_drop() is deprecated: use mark_to_drop(standard_metadata)");
        }
    }
}
