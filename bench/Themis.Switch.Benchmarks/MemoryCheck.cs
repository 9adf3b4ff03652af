using System.Diagnostics;
using System.Security.Cryptography;
using Themis.Switch.Pipeline;
using Themis.Switch.Runtime.Tables;

namespace Themis.Switch.Benchmarks;

/// <summary>Loads a program, fills every table to its P4Info size with distinct entries, and reports resident memory.</summary>
internal static class MemoryCheck
{
    public static int Run(string[] args)
    {
        string path = BenchPrograms.Esw ?? BenchPrograms.BasicIpv4;
        int at = Array.IndexOf(args, "--program");
        if (at >= 0 && at + 1 < args.Length)
        {
            path = args[at + 1];
        }

        long before = Resident();
        PipelineDefinition definition = BenchPrograms.Compile(path);
        SwitchState state = BenchPrograms.NewState(definition);
        definition.Program.Instantiate(state);
        long entries = 0;
        foreach (P4Table table in state.Tables.Values)
        {
            entries += Fill(table, definition);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long after = Resident();
        Console.WriteLine($"program {Path.GetFileName(path)}: {state.Tables.Count} tables filled with {entries} entries, {state.Registers.Count} registers");
        Console.WriteLine($"resident memory: {after / 1048576.0:F1} MiB (before loading {before / 1048576.0:F1} MiB); managed heap {GC.GetTotalMemory(false) / 1048576.0:F1} MiB");
        return 0;
    }

    private static long Resident()
    {
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        return p.WorkingSet64;
    }

    private static long Fill(P4Table table, PipelineDefinition definition)
    {
        if (table.Spec.Fields.Count == 0 || table.Spec.ConstEntries)
        {
            return 0;
        }

        var actionInfo = definition.P4Info.Tables.Single(t => t.Preamble.Id == table.Spec.Id).ActionRefs
            .Select(r => definition.P4Info.Actions.Single(a => a.Preamble.Id == r.Id))
            .First(a => a.Preamble.Name != "NoAction");
        long inserted = 0;
        int attempts = 0;
        while (inserted < table.Spec.MaxSize && attempts++ < table.Spec.MaxSize * 4)
        {
            var matches = table.Spec.Fields.Select(f =>
            {
                byte[] value = RandomNumberGenerator.GetBytes(f.ByteWidth);
                if (f.BitWidth % 8 != 0)
                {
                    value[0] &= (byte)((1 << (f.BitWidth % 8)) - 1);
                }

                return f.Kind switch
                {
                    MatchKind.Lpm => KeyFieldMatch.Lpm(value, f.BitWidth, f.BitWidth),
                    MatchKind.Ternary => KeyFieldMatch.Ternary(value, [.. Enumerable.Repeat((byte)0xFF, f.ByteWidth)]),
                    MatchKind.Range => KeyFieldMatch.Range(value, value, f.BitWidth),
                    MatchKind.Optional => KeyFieldMatch.Optional(value),
                    _ => KeyFieldMatch.Exact(value),
                };
            }).ToList();
            var call = new ActionCall(actionInfo.Preamble.Id, [.. actionInfo.Params.Select(p => new byte[(p.Bitwidth + 7) / 8])]);
            int priority = table.Spec.RequiresPriority ? 1 + (int)inserted : 0;
            if (table.Insert(new TableEntryRecord(matches, priority, call, TimeProvider.System)) == TableOperationStatus.Ok)
            {
                inserted++;
            }
        }

        return inserted;
    }
}
