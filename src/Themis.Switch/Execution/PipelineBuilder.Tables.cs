using Themis.P4.Semantics;
using Themis.P4.Syntax;
using Themis.Switch.Runtime.Tables;

namespace Themis.Switch.Execution;

/// <content>Tables: key construction and action dispatch, compiled once per control instance.</content>
internal sealed partial class PipelineBuilder
{
    private TableRuntime Table(TableDeclaration table, Ctx c)
    {
        if (_tables.TryGetValue((table, c.ControlScope), out TableRuntime? built))
        {
            return built;
        }

        if (!_tableIds.TryGetValue(table.ControlPlaneName, out uint id) || !_state.Tables.TryGetValue(id, out P4Table? store))
        {
            throw new CompileException($"table '{table.ControlPlaneName}' is not in the P4Info");
        }

        if (table.Implementation is not null)
        {
            throw new CompileException($"table '{table.ControlPlaneName}' uses an action profile/selector, which this switch does not implement");
        }

        var ctx = new Ctx(c.ControlScope, null, false, c.ControlScope, c.BlockName);
        var parts = new List<KeyPart>();
        int offset = 0;
        foreach (TableKey key in table.Keys)
        {
            if (key.MatchKind == "selector")
            {
                throw new CompileException($"table '{table.ControlPlaneName}': selector keys are not supported");
            }

            int bytes = (key.BitWidth + 7) / 8;
            Val v = Value(key.Expression, ctx);
            parts.Add(new KeyPart(offset, bytes, v.IsWide ? null : v.N, v.IsWide ? v.W : null));
            offset += bytes;
        }

        if (offset != store.Spec.KeyByteWidth)
        {
            throw new CompileException($"table '{table.ControlPlaneName}': the key is {offset} bytes but the P4Info describes {store.Spec.KeyByteWidth}");
        }

        var actionIds = _state.Definition.P4Info.Actions.ToDictionary(a => a.Preamble.Name, a => a.Preamble.Id);
        var bindings = new List<ActionBinding>();
        var declarations = new List<ActionDeclaration>();
        foreach (TableActionReference reference in table.Actions)
        {
            if (!actionIds.TryGetValue(reference.Action.ControlPlaneName, out uint actionId))
            {
                throw new CompileException($"action '{reference.Action.ControlPlaneName}' of table '{table.ControlPlaneName}' is not in the P4Info");
            }

            var scope = new Scope(c.ControlScope);
            var pro = new List<StmtFn>();
            var epi = new List<StmtFn>();
            var slots = new List<int>();
            var masks = new List<ulong>();
            foreach (Parameter p in reference.Action.Parameters)
            {
                if (p.Direction != ParameterDirection.None)
                {
                    continue;
                }

                Loc loc = _alloc.Allocate(p.Type);
                scope.Bind(p.Variable!, loc);
                slots.Add(loc switch { ScalarLoc sl => sl.Slot, WideLoc wl => ~wl.Index, _ => throw new CompileException($"action parameter '{p.Name}' must be a bit string") });
                masks.Add(loc is ScalarLoc scalar ? Types.Mask(scalar.Width) : ulong.MaxValue);
            }

            foreach (Argument arg in reference.DirectionalArguments)
            {
                BindArgument(arg.Parameter, arg.Value, scope, pro, epi, ctx);
            }

            StmtFn body = WithCopies(pro, Statement(reference.Action.Body, ctx with { Scope = scope }), epi);
            bindings.Add(new ActionBinding(actionId, reference.Action.ControlPlaneName, [.. slots], [.. masks], body));
            declarations.Add(reference.Action);
        }

        var runtime = new TableRuntime(store, [.. parts], [.. bindings], [.. declarations], _alloc.NewNarrow(), _alloc.NewNarrow(), StandardSlot("packet_length"));
        _tables[(table, c.ControlScope)] = runtime;
        return runtime;
    }
}
