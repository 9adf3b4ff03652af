using System.Numerics;
using Themis.P4.Semantics;
using Themis.Switch.Runtime.Tables;
using P4InfoMessage = global::P4.Config.V1.P4Info;
using RuntimeActionCall = Themis.Switch.Runtime.Tables.ActionCall;

namespace Themis.Switch.Execution;

/// <summary>The program's default actions and the entries its tables are loaded with (<c>entries</c> / <c>const entries</c>).</summary>
internal static class ProgramEntries
{
    public static Dictionary<uint, RuntimeActionCall> DefaultActions(CheckedProgram program, P4InfoMessage p4Info)
    {
        var tableIds = p4Info.Tables.ToDictionary(t => t.Preamble.Name, t => t.Preamble.Id);
        var actionIds = p4Info.Actions.ToDictionary(a => a.Preamble.Name, a => a.Preamble.Id);
        var result = new Dictionary<uint, RuntimeActionCall>();
        foreach (TableDeclaration table in Tables(program))
        {
            if (table.DefaultAction is { } invocation && tableIds.TryGetValue(table.ControlPlaneName, out uint tableId)
                && actionIds.TryGetValue(invocation.Action.ControlPlaneName, out uint actionId))
            {
                result[tableId] = Call(actionId, invocation, table);
            }
        }

        return result;
    }

    public static Dictionary<uint, IReadOnlyList<TableEntryRecord>> Entries(CheckedProgram program, P4InfoMessage p4Info)
    {
        var tableIds = p4Info.Tables.ToDictionary(t => t.Preamble.Name, t => t.Preamble.Id);
        var actionIds = p4Info.Actions.ToDictionary(a => a.Preamble.Name, a => a.Preamble.Id);
        var result = new Dictionary<uint, IReadOnlyList<TableEntryRecord>>();
        foreach (TableDeclaration table in Tables(program).Where(t => t.Entries.Count > 0))
        {
            if (!tableIds.TryGetValue(table.ControlPlaneName, out uint tableId))
            {
                continue;
            }

            var records = new List<TableEntryRecord>();
            for (int i = 0; i < table.Entries.Count; i++)
            {
                TableEntry entry = table.Entries[i];
                var matches = new List<KeyFieldMatch>();
                for (int k = 0; k < table.Keys.Count; k++)
                {
                    matches.Add(Match(table.Keys[k], entry.Keys[k], table));
                }

                // Without explicit priorities, earlier entries win (P4-16 entries semantics); P4Runtime: larger wins.
                int priority = !table.NeedsPriority ? 0 : entry.Priority is { } p ? (int)p : table.Entries.Count - i;
                if (!actionIds.TryGetValue(entry.Action.Action.ControlPlaneName, out uint actionId))
                {
                    throw new CompileException($"action '{entry.Action.Action.ControlPlaneName}' of an entry of '{table.ControlPlaneName}' is not in the P4Info");
                }

                records.Add(new TableEntryRecord(matches, priority, Call(actionId, entry.Action, table), TimeProvider.System));
            }

            result[tableId] = records;
        }

        return result;
    }

    // Every control's tables, sub-controls included (a control never instantiated has no tables in the P4Info and is skipped).
    private static IEnumerable<TableDeclaration> Tables(CheckedProgram program) => program.Controls.Concat(program.Main.Controls).Distinct().SelectMany(c => c.Tables);

    private static RuntimeActionCall Call(uint actionId, ActionInvocation invocation, TableDeclaration table)
    {
        var args = new List<byte[]>();
        foreach (Argument arg in invocation.Arguments.Where(a => a.Direction == Themis.P4.Syntax.ParameterDirection.None))
        {
            int width = arg.Parameter.Type.BitWidth ?? 0;
            BigInteger value = Constant(arg.Value) ?? throw new CompileException($"the default action or entry of '{table.ControlPlaneName}' passes a non-constant value to '{arg.Parameter.Name}'");
            args.Add(Bits.ToBytes(Unsigned(value, width), (width + 7) / 8));
        }

        return new RuntimeActionCall(actionId, args);
    }

    private static BigInteger? Constant(BoundExpression e) => e switch
    {
        LiteralExpression { Value: BigInteger v } => v,
        LiteralExpression { Value: bool b } => b ? 1 : 0,
        EnumMemberExpression em => em.Enum.IsSerializable ? em.Value : em.Index,
        ErrorMemberExpression er => er.Code,
        CastExpression c => Constant(c.Operand),
        _ => null,
    };

    private static BigInteger Unsigned(BigInteger v, int width) => width <= 0 ? v : v & ((BigInteger.One << width) - 1);

    private static KeyFieldMatch Match(TableKey key, Keyset keyset, TableDeclaration table)
    {
        int width = key.BitWidth;
        int bytes = (width + 7) / 8;
        byte[] B(BigInteger v) => Bits.ToBytes(Unsigned(v, width), bytes);
        var spec = new MatchFieldSpec((uint)key.Id, key.Name, width, key.MatchKind switch
        {
            "lpm" => MatchKind.Lpm,
            "ternary" => MatchKind.Ternary,
            "range" => MatchKind.Range,
            "optional" => MatchKind.Optional,
            _ => MatchKind.Exact,
        });
        BigInteger all = (BigInteger.One << width) - 1;
        return (key.MatchKind, keyset) switch
        {
            (_, DefaultKeyset) when key.MatchKind != "exact" => KeyFieldMatch.Wildcard(spec),
            ("exact", ValueKeyset v) => KeyFieldMatch.Exact(B(v.Value)),
            ("optional", ValueKeyset v) => KeyFieldMatch.Optional(B(v.Value)),
            ("ternary", ValueKeyset v) => KeyFieldMatch.Ternary(B(v.Value), B(all)),
            ("ternary", MaskKeyset m) => KeyFieldMatch.Ternary(B(m.Value), B(m.Mask)),
            ("lpm", ValueKeyset v) => KeyFieldMatch.Lpm(B(v.Value), width, width),
            ("lpm", MaskKeyset m) => KeyFieldMatch.Lpm(B(m.Value), PrefixLength(Unsigned(m.Mask, width), width, table), width),
            ("range", RangeKeyset r) => KeyFieldMatch.Range(B(r.Low), B(r.High), width),
            ("range", ValueKeyset v) => KeyFieldMatch.Range(B(v.Value), B(v.Value), width),
            _ => throw new CompileException($"an entry of '{table.ControlPlaneName}' uses '{keyset}' for the {key.MatchKind} key '{key.Name}'"),
        };
    }

    private static int PrefixLength(BigInteger mask, int width, TableDeclaration table)
    {
        int length = 0;
        for (int bit = width - 1; bit >= 0 && !(mask >> bit).IsEven; bit--)
        {
            length++;
        }

        BigInteger expected = length == 0 ? BigInteger.Zero : ((BigInteger.One << length) - 1) << (width - length);
        return expected == mask ? length : throw new CompileException($"an lpm entry of '{table.ControlPlaneName}' has a mask that is not a prefix");
    }
}
