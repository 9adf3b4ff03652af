using Google.Protobuf;
using Google.Rpc;
using P4.Config.V1;
using Themis.Switch.Pipeline;
using Themis.Switch.Runtime.Externs;
using Themis.Switch.Runtime.Tables;
using P4Action = global::P4.Config.V1.Action;
using V1 = global::P4.V1;

namespace Themis.Switch.Server;

/// <summary>
/// Validates P4Runtime table entries against the P4Info (ids, widths, match kinds, actions,
/// parameters, priorities) and converts them to and from the runtime's representation. Error
/// messages follow PI's wording where PI has one, so logs read the same as with BMv2.
/// </summary>
internal sealed class TableEntryCodec(SwitchState state)
{
    private readonly Dictionary<uint, Table> _tables = state.Definition.P4Info.Tables.ToDictionary(t => t.Preamble.Id);
    private readonly Dictionary<uint, P4Action> _actions = state.Definition.P4Info.Actions.ToDictionary(a => a.Preamble.Id);

    public SwitchState State => state;

    public (P4Table Table, Table Info) Resolve(uint tableId)
    {
        if (!_tables.TryGetValue(tableId, out Table? info) || !state.Tables.TryGetValue(tableId, out P4Table? table))
        {
            throw new UpdateError(Code.NotFound, $"Invalid P4 id: no table has id {tableId} (0x{tableId:x8}); read the P4Info for valid table ids.");
        }

        return (table, info);
    }

    public KeyFieldMatch[] ParseMatch(Table info, P4Table table, IReadOnlyList<V1.FieldMatch> fields)
    {
        var result = new KeyFieldMatch?[table.Spec.Fields.Count];
        foreach (V1.FieldMatch fm in fields)
        {
            int index = IndexOf(table.Spec, fm.FieldId);
            if (index < 0)
            {
                throw UpdateError.Invalid($"Table '{info.Preamble.Name}' has no match field with id {fm.FieldId}.");
            }

            if (result[index] is not null)
            {
                throw UpdateError.Invalid($"Match field id {fm.FieldId} of table '{info.Preamble.Name}' appears twice.");
            }

            result[index] = ParseField(table.Spec.Fields[index], fm);
        }

        for (int i = 0; i < result.Length; i++)
        {
            MatchFieldSpec spec = table.Spec.Fields[i];
            if (result[i] is null)
            {
                if (spec.Kind == MatchKind.Exact)
                {
                    throw UpdateError.Invalid($"Missing non-ternary field in match key: exact field '{spec.Name}' (id {spec.Id}) of table '{info.Preamble.Name}' must be given.");
                }

                result[i] = KeyFieldMatch.Wildcard(spec);
            }
        }

        return [.. result.Select(r => r!)];
    }

    public int CheckPriority(Table info, P4Table table, int priority)
    {
        if (table.Spec.RequiresPriority && priority <= 0)
        {
            throw UpdateError.Invalid($"Table '{info.Preamble.Name}' has ternary, range or optional fields, so entries need a priority > 0 (got {priority}).");
        }

        if (!table.Spec.RequiresPriority && priority != 0)
        {
            throw UpdateError.Invalid($"Table '{info.Preamble.Name}' has only exact and LPM fields; entries must not set a priority (got {priority}).");
        }

        return priority;
    }

    public ActionCall ParseAction(Table info, V1.TableAction? action, bool forDefault)
    {
        if (action is null || action.TypeCase == V1.TableAction.TypeOneofCase.None)
        {
            throw UpdateError.Invalid($"The entry of table '{info.Preamble.Name}' has no action; set TableEntry.action.");
        }

        if (action.TypeCase != V1.TableAction.TypeOneofCase.Action)
        {
            throw new UpdateError(Code.Unimplemented, "Action profiles and selectors are not supported by this switch; use a direct action.");
        }

        V1.Action call = action.Action;
        if (!_actions.TryGetValue(call.ActionId, out P4Action? p4Action))
        {
            throw UpdateError.Invalid($"Invalid P4 id: no action has id {call.ActionId}.");
        }

        ActionRef? reference = info.ActionRefs.FirstOrDefault(r => r.Id == call.ActionId);
        if (reference is null)
        {
            throw UpdateError.Invalid($"Action '{p4Action.Preamble.Name}' is not an action of table '{info.Preamble.Name}'.");
        }

        if (forDefault && reference.Scope == ActionRef.Types.Scope.TableOnly)
        {
            throw UpdateError.Invalid($"Action '{p4Action.Preamble.Name}' is @tableonly in table '{info.Preamble.Name}' and cannot be the default action.");
        }

        if (!forDefault && reference.Scope == ActionRef.Types.Scope.DefaultOnly)
        {
            throw UpdateError.Invalid($"Action '{p4Action.Preamble.Name}' is @defaultonly in table '{info.Preamble.Name}' and cannot be used by an entry.");
        }

        return ParseParams(p4Action, call.Params);
    }

    public static ActionCall ParseParams(P4Action p4Action, IReadOnlyList<V1.Action.Types.Param> given)
    {
        var args = new byte[p4Action.Params.Count][];
        foreach (V1.Action.Types.Param param in given)
        {
            int index = -1;
            for (int i = 0; i < p4Action.Params.Count; i++)
            {
                if (p4Action.Params[i].Id == param.ParamId)
                {
                    index = i;
                }
            }

            if (index < 0)
            {
                throw UpdateError.Invalid($"Action '{p4Action.Preamble.Name}' has no parameter with id {param.ParamId}.");
            }

            if (args[index] is not null)
            {
                throw UpdateError.Invalid($"Parameter '{p4Action.Params[index].Name}' of action '{p4Action.Preamble.Name}' is given twice.");
            }

            var spec = p4Action.Params[index];
            args[index] = ByteStrings.ToPadded(param.Value, spec.Bitwidth, $"Parameter '{spec.Name}' of action '{p4Action.Preamble.Name}'");
        }

        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] is null)
            {
                throw UpdateError.Invalid($"Parameter '{p4Action.Params[i].Name}' (id {p4Action.Params[i].Id}) of action '{p4Action.Preamble.Name}' is missing; every parameter must be given.");
            }
        }

        return new ActionCall(p4Action.Preamble.Id, args);
    }

    public V1.TableEntry ToProto(Table info, P4Table table, TableEntryRecord entry, V1.TableEntry filter, bool isDefault)
    {
        var result = new V1.TableEntry { TableId = info.Preamble.Id, Priority = entry.Priority, IsDefaultAction = isDefault };
        if (!isDefault)
        {
            for (int i = 0; i < entry.Matches.Count; i++)
            {
                KeyFieldMatch m = entry.Matches[i];
                if (m.IsWildcard)
                {
                    continue;
                }

                MatchFieldSpec spec = table.Spec.Fields[i];
                var fm = new V1.FieldMatch { FieldId = spec.Id };
                switch (spec.Kind)
                {
                    case MatchKind.Exact:
                        fm.Exact = new V1.FieldMatch.Types.Exact { Value = ByteStrings.ToCanonical(m.Value, spec.BitWidth) };
                        break;
                    case MatchKind.Lpm:
                        fm.Lpm = new V1.FieldMatch.Types.LPM { Value = ByteStrings.ToCanonical(m.Value, spec.BitWidth), PrefixLen = m.PrefixLength };
                        break;
                    case MatchKind.Ternary:
                        fm.Ternary = new V1.FieldMatch.Types.Ternary { Value = ByteStrings.ToCanonical(m.Value, spec.BitWidth), Mask = ByteStrings.ToCanonical(m.Mask, spec.BitWidth) };
                        break;
                    case MatchKind.Range:
                        fm.Range = new V1.FieldMatch.Types.Range { Low = ByteStrings.ToCanonical(m.Value, spec.BitWidth), High = ByteStrings.ToCanonical(m.High, spec.BitWidth) };
                        break;
                    default:
                        fm.Optional = new V1.FieldMatch.Types.Optional { Value = ByteStrings.ToCanonical(m.Value, spec.BitWidth) };
                        break;
                }

                result.Match.Add(fm);
            }

            result.Metadata = ByteString.CopyFrom(entry.Metadata);
            result.IdleTimeoutNs = entry.IdleTimeoutNs;
        }

        if (!P4Table.IsNoAction(entry.Action) && _actions.TryGetValue(entry.Action.ActionId, out P4Action? action))
        {
            var call = new V1.Action { ActionId = action.Preamble.Id };
            for (int i = 0; i < action.Params.Count; i++)
            {
                call.Params.Add(new V1.Action.Types.Param { ParamId = action.Params[i].Id, Value = ByteStrings.ToCanonical(entry.Action.Arguments[i], action.Params[i].Bitwidth) });
            }

            result.Action = new V1.TableAction { Action = call };
        }

        result.IsConst = isDefault ? table.Spec.ConstDefaultAction : table.Spec.ConstEntries;
        if (filter.CounterData is not null && entry.DirectCounter is { } counter)
        {
            result.CounterData = new V1.CounterData { PacketCount = counter.Packets, ByteCount = counter.Bytes };
        }

        if (filter.MeterConfig is not null && entry.DirectMeter is { } meter)
        {
            result.MeterConfig = ToProto(meter.Config);
        }

        if (filter.TimeSinceLastHit is not null && table.Spec.SupportsIdleTimeout && !isDefault)
        {
            result.TimeSinceLastHit = new V1.TableEntry.Types.IdleTimeout { ElapsedNs = (long)state.Time.GetElapsedTime(entry.LastHitTimestamp).TotalNanoseconds };
        }

        return result;
    }

    public static V1.MeterConfig ToProto(MeterConfig? config) => config is null
        ? new V1.MeterConfig()
        : new V1.MeterConfig { Cir = config.Cir, Cburst = config.Cburst, Pir = config.Pir, Pburst = config.Pburst };

    public static MeterConfig FromProto(V1.MeterConfig config)
    {
        if (config.Cir < 0 || config.Cburst < 0 || config.Pir < 0 || config.Pburst < 0)
        {
            throw UpdateError.Invalid("Meter rates and bursts must not be negative.");
        }

        if (config.Cir > config.Pir)
        {
            throw UpdateError.Invalid($"Meter committed rate {config.Cir} exceeds peak rate {config.Pir}; a two-rate meter needs cir <= pir.");
        }

        return new MeterConfig(config.Cir, config.Cburst, config.Pir, config.Pburst);
    }

    private static int IndexOf(TableSpec spec, uint fieldId)
    {
        for (int i = 0; i < spec.Fields.Count; i++)
        {
            if (spec.Fields[i].Id == fieldId)
            {
                return i;
            }
        }

        return -1;
    }

    private static KeyFieldMatch ParseField(MatchFieldSpec spec, V1.FieldMatch fm)
    {
        string what = $"Match field '{spec.Name}'";
        switch (spec.Kind)
        {
            case MatchKind.Exact when fm.FieldMatchTypeCase == V1.FieldMatch.FieldMatchTypeOneofCase.Exact:
                return KeyFieldMatch.Exact(ByteStrings.ToPadded(fm.Exact.Value, spec.BitWidth, what));
            case MatchKind.Optional when fm.FieldMatchTypeCase == V1.FieldMatch.FieldMatchTypeOneofCase.Optional:
                return KeyFieldMatch.Optional(ByteStrings.ToPadded(fm.Optional.Value, spec.BitWidth, what));
            case MatchKind.Lpm when fm.FieldMatchTypeCase == V1.FieldMatch.FieldMatchTypeOneofCase.Lpm:
            {
                byte[] value = ByteStrings.ToPadded(fm.Lpm.Value, spec.BitWidth, what);
                int length = fm.Lpm.PrefixLen;
                if (length <= 0)
                {
                    throw UpdateError.Invalid($"{what}: prefix length {length} is invalid; omit the field for a don't-care match instead of using prefix length 0.");
                }

                if (length > spec.BitWidth)
                {
                    throw UpdateError.Invalid($"{what}: prefix length {length} exceeds the field width {spec.BitWidth}.");
                }

                KeyFieldMatch match = KeyFieldMatch.Lpm(value, length, spec.BitWidth);
                if (!match.Value.AsSpan().SequenceEqual(value))
                {
                    throw UpdateError.Invalid($"{what}: invalid LPM value, bits beyond the /{length} prefix must be zero.");
                }

                return match;
            }

            case MatchKind.Ternary when fm.FieldMatchTypeCase == V1.FieldMatch.FieldMatchTypeOneofCase.Ternary:
            {
                byte[] value = ByteStrings.ToPadded(fm.Ternary.Value, spec.BitWidth, what);
                byte[] mask = ByteStrings.ToPadded(fm.Ternary.Mask, spec.BitWidth, what + " mask");
                KeyFieldMatch match = KeyFieldMatch.Ternary(value, mask);
                if (match.IsWildcard)
                {
                    throw UpdateError.Invalid($"{what}: a ternary mask of 0 is a don't-care; omit the field instead.");
                }

                if (!match.Value.AsSpan().SequenceEqual(value))
                {
                    throw UpdateError.Invalid($"{what}: invalid ternary value, make sure value & mask == value.");
                }

                return match;
            }

            case MatchKind.Range when fm.FieldMatchTypeCase == V1.FieldMatch.FieldMatchTypeOneofCase.Range:
            {
                byte[] low = ByteStrings.ToPadded(fm.Range.Low, spec.BitWidth, what + " low");
                byte[] high = ByteStrings.ToPadded(fm.Range.High, spec.BitWidth, what + " high");
                if (low.AsSpan().SequenceCompareTo(high) > 0)
                {
                    throw UpdateError.Invalid($"{what}: invalid range, make sure low <= high.");
                }

                KeyFieldMatch match = KeyFieldMatch.Range(low, high, spec.BitWidth);
                if (match.IsWildcard)
                {
                    throw UpdateError.Invalid($"{what}: the full range is a don't-care; omit the field instead.");
                }

                return match;
            }

            default:
                throw UpdateError.Invalid($"{what} is a {spec.Kind.ToString().ToUpperInvariant()} field but the request gives a {fm.FieldMatchTypeCase.ToString().ToUpperInvariant()} match.");
        }
    }
}
