using System.Numerics;
using System.Text;
using Themis.P4.Semantics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Checking;

internal sealed partial class Checker
{
    private static readonly HashSet<string> KnownTableProperties = new(StringComparer.Ordinal)
    {
        "key", "actions", "default_action", "entries", "size", "counters", "meters", "implementation", "support_timeout",
        "largest_priority_wins", "priority_delta",
    };

    private void BindTable(TableDeclaration table, TableSyntax t, Ctx controlCtx)
    {
        var seen = new Dictionary<string, TablePropertySyntax>(StringComparer.Ordinal);
        foreach (var p in t.Properties)
        {
            if (!seen.TryAdd(p.Name, p))
            {
                Error(p.NameSpan, $"table '{t.Name}' has more than one '{p.Name}' property");
            }
            else if (!KnownTableProperties.Contains(p.Name))
            {
                Warning(p.NameSpan, $"unknown table property '{p.Name}' is ignored (v1model tables have key, actions, default_action, entries, size, counters, meters, implementation, support_timeout)");
            }
        }
        var ctx = new Ctx(controlCtx.Scope) { Owner = controlCtx.Owner, Kind = BodyKind.ControlApply, Variables = controlCtx.Variables, Control = controlCtx.Control };

        // key
        var keys = new List<TableKey>();
        if (seen.GetValueOrDefault("key") is KeyPropertySyntax kp)
        {
            int lpm = 0;
            foreach (var k in kp.Elements)
            {
                var e = BindExpression(k.Expression, ctx, null);
                if (!_matchKinds.Contains(k.MatchKind))
                {
                    Error(k.MatchKindSpan, $"unknown match kind '{k.MatchKind}' (declared: {string.Join(", ", _matchKinds)})");
                    continue;
                }
                if (k.MatchKind == "lpm" && ++lpm == 2)
                {
                    Error(k.MatchKindSpan, $"table '{t.Name}' has more than one lpm key; BMv2 allows one");
                }
                if (e.Type is not (BitsType or BoolType or EnumType { IsSerializable: true } or ErrorType or NewType or UnknownType))
                {
                    Error(k.Expression.Span, $"a table key must be bit<W>, int<W>, bool, error or a serializable enum, not '{e.Type}'");
                    continue;
                }
                if (e.Type is ErrorType && k.MatchKind != "exact")
                {
                    Error(k.MatchKindSpan, "an error key can only be matched with 'exact'");
                }
                var name = k.Annotations.GetString("name") ?? KeyName(k.Expression);
                int id = (int?)k.Annotations.GetInteger("id") ?? keys.Count + 1;
                keys.Add(new TableKey(e, k.MatchKind, name, id, k.Annotations));
            }
        }
        table.Keys = keys;

        // actions
        var refs = new List<TableActionReference>();
        if (seen.GetValueOrDefault("actions") is ActionsPropertySyntax ap)
        {
            foreach (var r in ap.Actions)
            {
                var (action, args) = ResolveActionReference(r.Expression, ctx, t.Name, forList: true);
                if (action == null)
                {
                    continue;
                }
                if (refs.Any(x => x.Action == action))
                {
                    Error(r.Expression.Span, $"action '{action.Name}' is listed twice in table '{t.Name}'");
                    continue;
                }
                var scope = r.Annotations.Has("tableonly") ? ActionScope.TableOnly : r.Annotations.Has("defaultonly") ? ActionScope.DefaultOnly : ActionScope.TableAndDefault;
                if (r.Annotations.Has("tableonly") && r.Annotations.Has("defaultonly"))
                {
                    Error(r.Span, $"action '{action.Name}' cannot be both @tableonly and @defaultonly");
                }
                refs.Add(new TableActionReference(action, args, scope, r.Annotations));
            }
        }
        else
        {
            Error(t.NameSpan, $"table '{t.Name}' has no 'actions' property");
        }
        table.Actions = refs;

        // default_action
        if (seen.GetValueOrDefault("default_action") is ValuePropertySyntax dp)
        {
            table.IsDefaultActionConst = dp.IsConst;
            table.HasExplicitDefaultAction = true;
            var invocation = BindActionInvocation(dp.Value, ctx, table, "default action");
            if (invocation != null)
            {
                var r = refs.First(x => x.Action == invocation.Action);
                if (r.Scope == ActionScope.TableOnly)
                {
                    Error(dp.Value.Span, $"action '{invocation.Action.Name}' is @tableonly and cannot be the default action of table '{t.Name}'");
                }
                table.DefaultAction = invocation;
            }
        }
        else if (_global.Lookup("NoAction") is ActionDeclaration noAction)
        {
            // p4c: a table without default_action has default_action = NoAction.
            table.DefaultAction = new ActionInvocation(noAction, []);
        }

        // entries
        if (seen.GetValueOrDefault("entries") is EntriesPropertySyntax ep)
        {
            table.AreEntriesConst = ep.IsConst;
            if (keys.Count == 0)
            {
                Error(ep.NameSpan, $"table '{t.Name}' has entries but no key");
            }
            var entries = new List<TableEntry>();
            foreach (var entry in ep.Entries)
            {
                var keysets = BindKeysetTuple(entry.Keyset, [.. keys.Select(k => k.Expression.Type)], ctx, "entry");
                for (int i = 0; i < Math.Min(keysets.Count, keys.Count); i++)
                {
                    CheckEntryKeyset(keysets[i], keys[i], entry.Keyset.Span);
                }
                var invocation = BindActionInvocation(entry.Action, ctx, table, "entry action");
                BigInteger? priority = null;
                if (entry.Priority != null)
                {
                    priority = RequireInteger(BindExpression(entry.Priority, ctx, null), entry.Priority.Span, "an entry priority");
                }
                if (invocation == null)
                {
                    continue;
                }
                if (refs.First(x => x.Action == invocation.Action).Scope == ActionScope.DefaultOnly)
                {
                    Error(entry.Action.Span, $"action '{invocation.Action.Name}' is @defaultonly and cannot be used in an entry of table '{t.Name}'");
                }
                entries.Add(new TableEntry(keysets, invocation, priority, ep.IsConst || entry.IsConst, entry.Annotations));
            }
            table.Entries = entries;
        }

        // size
        if (seen.GetValueOrDefault("size") is ValuePropertySyntax sp)
        {
            var size = RequireInteger(BindExpression(sp.Value, ctx, null), sp.Value.Span, "the table size");
            if (size <= 0)
            {
                Error(sp.Value.Span, $"the size of table '{t.Name}' must be positive");
            }
            table.Size = size;
        }
        if (seen.GetValueOrDefault("counters") is ValuePropertySyntax cp)
        {
            table.DirectCounter = ResolveTableExtern(cp, ctx, "direct_counter", t.Name);
        }
        if (seen.GetValueOrDefault("meters") is ValuePropertySyntax mp)
        {
            table.DirectMeter = ResolveTableExtern(mp, ctx, "direct_meter", t.Name);
        }
        if (seen.GetValueOrDefault("implementation") is ValuePropertySyntax ip)
        {
            var inst = ResolveTableExtern(ip, ctx, null, t.Name);
            if (inst != null && inst.Type.Declaration.Name is not ("action_profile" or "action_selector"))
            {
                Error(ip.Value.Span, $"the implementation of table '{t.Name}' must be an action_profile or action_selector, not '{inst.Type}'");
            }
            table.Implementation = inst;
            if (inst != null)
            {
                Error(ip.NameSpan, $"table '{t.Name}': action profiles and selectors are not supported by this front end yet");
            }
        }
        if (seen.GetValueOrDefault("support_timeout") is ValuePropertySyntax tp)
        {
            var v = BindExpression(tp.Value, ctx, BoolType.Instance);
            if (v is LiteralExpression { Value: bool b })
            {
                table.SupportTimeout = b;
            }
            else if (v.Type is not UnknownType)
            {
                Error(tp.Value.Span, "support_timeout must be true or false");
            }
        }
        foreach (var k in keys.Where(k => k.MatchKind == "selector"))
        {
            Error(t.NameSpan, $"table '{t.Name}': selector keys need an action_selector implementation, which is not supported yet");
            _ = k;
        }
    }

    private void CheckEntryKeyset(Keyset ks, TableKey key, TextSpan span)
    {
        int w = key.BitWidth;
        switch (key.MatchKind)
        {
            case "exact" when ks is not ValueKeyset:
                Error(span, $"key '{key.Name}' is matched 'exact', so its entry value must be a single value (not a mask, range or default)");
                break;
            case "lpm" when ks is MaskKeyset m && !IsPrefixMask(m.Mask, w):
                Error(span, $"key '{key.Name}' is matched 'lpm', so its mask must be a prefix (ones then zeros)");
                break;
            case "lpm" when ks is RangeKeyset:
            case "ternary" when ks is RangeKeyset:
            case "optional" when ks is RangeKeyset or MaskKeyset:
                Error(span, $"key '{key.Name}' is matched '{key.MatchKind}'; this kind of entry value is not allowed for it");
                break;
            case "range" when ks is MaskKeyset:
                Error(span, $"key '{key.Name}' is matched 'range'; use low .. high");
                break;
        }
    }

    private static bool IsPrefixMask(BigInteger mask, int width)
    {
        var full = (BigInteger.One << width) - 1;
        var inverted = full ^ mask;
        return (inverted & (inverted + 1)).IsZero;
    }

    private ExternInstance? ResolveTableExtern(ValuePropertySyntax p, Ctx ctx, string? expected, string table)
    {
        var v = BindExpression(p.Value, ctx, null);
        if (v is not InstanceExpression ie)
        {
            if (v.Type is not UnknownType)
            {
                Error(p.Value.Span, $"'{p.Name}' of table '{table}' must name {(expected == null ? "an extern instance" : "a " + expected + " instance")}");
            }
            return null;
        }
        if (expected != null && ie.Instance.Type.Declaration.Name != expected)
        {
            Error(p.Value.Span, $"'{p.Name}' of table '{table}' must be a {expected}, but '{ie.Instance.Name}' is a {ie.Instance.Type}");
            return null;
        }
        return ie.Instance;
    }

    /// <summary>Resolves an action in an 'actions' list: a name, or a call with the directional arguments only.</summary>
    private (ActionDeclaration? Action, List<Argument> Args) ResolveActionReference(ExpressionSyntax e, Ctx ctx, string table, bool forList)
    {
        var (nameSyntax, call) = e switch
        {
            NameSyntax n => (n, (CallSyntax?)null),
            CallSyntax { Target: NameSyntax cn } c => (cn, c),
            _ => (null, null),
        };
        if (nameSyntax == null)
        {
            Error(e.Span, $"expected an action name in the actions of table '{table}'");
            return (null, []);
        }
        var sym = nameSyntax.IsGlobal ? _global.Lookup(nameSyntax.Name) : ctx.Scope.Lookup(nameSyntax.Name);
        if (sym is not ActionDeclaration action)
        {
            Error(nameSyntax.Span, sym == null ? $"unknown action '{nameSyntax.Name}'" : $"'{nameSyntax.Name}' is not an action");
            return (null, []);
        }
        var directional = action.Parameters.Where(p => p.Direction != ParameterDirection.None).ToList();
        var argSyntax = call?.Arguments ?? [];
        if (argSyntax.Count != directional.Count)
        {
            Error(e.Span, directional.Count == 0
                ? $"action '{action.Name}' in table '{table}' must be listed without arguments: its parameters are action data set by the control plane"
                : $"action '{action.Name}' in table '{table}' needs {directional.Count} argument(s) for its directional parameter(s) ({string.Join(", ", directional.Select(p => p.Name))})");
            return (action, []);
        }
        var fake = new CallSyntax(nameSyntax, [], argSyntax, e.Span);
        var args = BindArguments(directional, fake, ctx, [], $"action '{action.Name}'");
        return (action, args);
    }

    /// <summary>Binds <c>a(args)</c> used as default action or entry action: all parameters supplied, data constant.</summary>
    private ActionInvocation? BindActionInvocation(ExpressionSyntax e, Ctx ctx, TableDeclaration table, string what)
    {
        var (nameSyntax, call) = e switch
        {
            NameSyntax n => (n, (CallSyntax?)null),
            CallSyntax { Target: NameSyntax cn } c => (cn, c),
            _ => (null, null),
        };
        if (nameSyntax == null)
        {
            Error(e.Span, $"the {what} of table '{table.Name}' must be an action call like my_action(1, 2)");
            return null;
        }
        var sym = nameSyntax.IsGlobal ? _global.Lookup(nameSyntax.Name) : ctx.Scope.Lookup(nameSyntax.Name);
        if (sym is not ActionDeclaration action)
        {
            Error(nameSyntax.Span, sym == null ? $"unknown action '{nameSyntax.Name}'" : $"'{nameSyntax.Name}' is not an action");
            return null;
        }
        var listed = table.Actions.FirstOrDefault(r => r.Action == action);
        if (listed == null)
        {
            Error(e.Span, $"{what} '{action.Name}' is not in the actions list of table '{table.Name}'");
            return null;
        }
        if (call == null)
        {
            if (action.Parameters.Count > 0)
            {
                Error(e.Span, $"{what} '{action.Name}' of table '{table.Name}' needs arguments: {action.Name}({string.Join(", ", action.Parameters.Select(p => p.Name))})");
                return null;
            }
            return new ActionInvocation(action, []);
        }
        var args = BindArguments(action.Parameters, call, ctx, [], $"action '{action.Name}'");
        foreach (var a in args.Where(a => a.Direction == ParameterDirection.None))
        {
            if (!a.Value.IsConstant && a.Value.Type is not UnknownType)
            {
                Error(a.Value.Span, $"action data '{a.Parameter.Name}' of the {what} must be a compile-time constant");
            }
        }
        return new ActionInvocation(action, args);
    }

    /// <summary>The control-plane name p4c gives a key without @name: the expression as written, without spaces.</summary>
    private string KeyName(ExpressionSyntax e)
    {
        var text = _source.GetText(e.Span);
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (!char.IsWhiteSpace(ch))
            {
                sb.Append(ch);
            }
        }
        return sb.ToString();
    }
}
