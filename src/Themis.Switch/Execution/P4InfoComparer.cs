using Google.Protobuf.Collections;
using P4.Config.V1;
using P4Action = global::P4.Config.V1.Action;

namespace Themis.Switch.Execution;

/// <summary>
/// Checks that the P4Info a controller sent describes the program in the device config: the same
/// objects with the same ids, names, widths and match kinds (annotations, aliases and documentation may
/// differ, so p4c's P4Info and the one this project derives are both accepted).
/// </summary>
public static class P4InfoComparer
{
    /// <summary>The first difference found, or null when the two agree.</summary>
    public static string? FirstDifference(P4Info sent, P4Info program)
    {
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(program);
        return Compare("table", sent.Tables, program.Tables, t => t.Preamble, CompareTable)
            ?? Compare("action", sent.Actions, program.Actions, a => a.Preamble, CompareAction)
            ?? Compare("counter", sent.Counters, program.Counters, c => c.Preamble, (a, b) => a.Size != b.Size ? $"size {a.Size}, the program's is {b.Size}" : null)
            ?? Compare("direct counter", sent.DirectCounters, program.DirectCounters, c => c.Preamble, (a, b) => a.DirectTableId != b.DirectTableId ? $"table id 0x{a.DirectTableId:x8}, the program's is 0x{b.DirectTableId:x8}" : null)
            ?? Compare("meter", sent.Meters, program.Meters, c => c.Preamble, (a, b) => a.Size != b.Size ? $"size {a.Size}, the program's is {b.Size}" : null)
            ?? Compare("direct meter", sent.DirectMeters, program.DirectMeters, c => c.Preamble, (a, b) => a.DirectTableId != b.DirectTableId ? $"table id 0x{a.DirectTableId:x8}, the program's is 0x{b.DirectTableId:x8}" : null)
            ?? Compare("register", sent.Registers, program.Registers, c => c.Preamble, (a, b) => a.Size != b.Size ? $"size {a.Size}, the program's is {b.Size}" : null)
            ?? Compare("digest", sent.Digests, program.Digests, c => c.Preamble, (_, _) => null)
            ?? Compare("controller packet metadata", sent.ControllerPacketMetadata, program.ControllerPacketMetadata, c => c.Preamble, CompareControllerMetadata);
    }

    private static string? Compare<T>(string kind, RepeatedField<T> sent, RepeatedField<T> program, Func<T, Preamble> preamble, Func<T, T, string?> detail)
    {
        var byId = new Dictionary<uint, T>();
        foreach (T item in sent)
        {
            byId[preamble(item).Id] = item;
        }

        foreach (T mine in program)
        {
            Preamble p = preamble(mine);
            if (!byId.Remove(p.Id, out T? theirs))
            {
                T? sameName = sent.FirstOrDefault(x => preamble(x).Name == p.Name);
                return sameName is null
                    ? $"the P4Info has no {kind} '{p.Name}' (id 0x{p.Id:x8}), which the program defines"
                    : $"{kind} '{p.Name}' has id 0x{preamble(sameName).Id:x8} in the P4Info but 0x{p.Id:x8} in the program";
            }

            if (preamble(theirs).Name != p.Name)
            {
                return $"{kind} id 0x{p.Id:x8} is '{preamble(theirs).Name}' in the P4Info but '{p.Name}' in the program";
            }

            if (detail(theirs, mine) is { } d)
            {
                return $"{kind} '{p.Name}': the P4Info has {d}";
            }
        }

        foreach (T extra in byId.Values)
        {
            return $"the P4Info has {kind} '{preamble(extra).Name}' (id 0x{preamble(extra).Id:x8}), which the program does not define";
        }

        return null;
    }

    private static string? CompareTable(Table a, Table b)
    {
        if (a.MatchFields.Count != b.MatchFields.Count)
        {
            return $"{a.MatchFields.Count} match fields, the program's has {b.MatchFields.Count}";
        }

        for (int i = 0; i < a.MatchFields.Count; i++)
        {
            MatchField x = a.MatchFields[i], y = b.MatchFields[i];
            if (x.Id != y.Id || x.Name != y.Name || x.Bitwidth != y.Bitwidth || x.MatchType != y.MatchType || x.OtherMatchType != y.OtherMatchType)
            {
                return $"match field {x.Id} '{x.Name}' ({x.Bitwidth} bits, {x.MatchType}), the program's is {y.Id} '{y.Name}' ({y.Bitwidth} bits, {y.MatchType})";
            }
        }

        var actionsA = a.ActionRefs.Select(r => r.Id).Order().ToList();
        var actionsB = b.ActionRefs.Select(r => r.Id).Order().ToList();
        if (!actionsA.SequenceEqual(actionsB))
        {
            return $"actions [{string.Join(", ", actionsA.Select(id => $"0x{id:x8}"))}], the program's are [{string.Join(", ", actionsB.Select(id => $"0x{id:x8}"))}]";
        }

        if (a.Size != b.Size)
        {
            return $"size {a.Size}, the program's is {b.Size}";
        }

        return a.ConstDefaultActionId != b.ConstDefaultActionId
            ? $"const default action 0x{a.ConstDefaultActionId:x8}, the program's is 0x{b.ConstDefaultActionId:x8}"
            : null;
    }

    private static string? CompareAction(P4Action a, P4Action b)
    {
        if (a.Params.Count != b.Params.Count)
        {
            return $"{a.Params.Count} parameters, the program's has {b.Params.Count}";
        }

        for (int i = 0; i < a.Params.Count; i++)
        {
            P4Action.Types.Param x = a.Params[i], y = b.Params[i];
            if (x.Id != y.Id || x.Name != y.Name || x.Bitwidth != y.Bitwidth)
            {
                return $"parameter {x.Id} '{x.Name}' ({x.Bitwidth} bits), the program's is {y.Id} '{y.Name}' ({y.Bitwidth} bits)";
            }
        }

        return null;
    }

    private static string? CompareControllerMetadata(ControllerPacketMetadata a, ControllerPacketMetadata b)
    {
        if (a.Metadata.Count != b.Metadata.Count)
        {
            return $"{a.Metadata.Count} fields, the program's has {b.Metadata.Count}";
        }

        for (int i = 0; i < a.Metadata.Count; i++)
        {
            var x = a.Metadata[i];
            var y = b.Metadata[i];
            if (x.Id != y.Id || x.Name != y.Name || x.Bitwidth != y.Bitwidth)
            {
                return $"field {x.Id} '{x.Name}' ({x.Bitwidth} bits), the program's is {y.Id} '{y.Name}' ({y.Bitwidth} bits)";
            }
        }

        return null;
    }
}
