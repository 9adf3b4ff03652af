using P4Action = global::P4.Config.V1.Action;
using P4.Config.V1;

namespace Themis.Switch.Pipeline;

/// <summary>Checks a P4Info for the inconsistencies that would make the switch misbehave; reports all of them.</summary>
public static class P4InfoValidator
{
    /// <summary>Returns every problem found (empty when the P4Info is usable).</summary>
    public static IReadOnlyList<string> Validate(P4Info p4Info)
    {
        ArgumentNullException.ThrowIfNull(p4Info);
        var errors = new List<string>();
        var ids = new HashSet<uint>();
        void Check(Preamble? preamble, string kind)
        {
            if (preamble is null || preamble.Id == 0)
            {
                errors.Add($"A {kind} has no preamble id; every P4Info object needs a non-zero id.");
                return;
            }

            if (!ids.Add(preamble.Id))
            {
                errors.Add($"Id 0x{preamble.Id:x8} ({kind} '{preamble.Name}') is used twice; P4Info ids must be unique.");
            }
        }

        foreach (P4Action a in p4Info.Actions)
        {
            Check(a.Preamble, "action");
        }

        var actionIds = p4Info.Actions.Select(a => a.Preamble?.Id ?? 0).ToHashSet();
        foreach (Table t in p4Info.Tables)
        {
            Check(t.Preamble, "table");
            foreach (MatchField f in t.MatchFields)
            {
                if (f.Bitwidth <= 0)
                {
                    errors.Add($"Table '{t.Preamble?.Name}' key field '{f.Name}' has bit width {f.Bitwidth}; it must be positive.");
                }

                if (f.MatchCase == MatchField.MatchOneofCase.MatchType && f.MatchType is MatchField.Types.MatchType.Unspecified)
                {
                    errors.Add($"Table '{t.Preamble?.Name}' key field '{f.Name}' has no match type.");
                }
            }

            foreach (ActionRef r in t.ActionRefs)
            {
                if (!actionIds.Contains(r.Id))
                {
                    errors.Add($"Table '{t.Preamble?.Name}' refers to action id 0x{r.Id:x8}, which the P4Info does not define.");
                }
            }
        }

        foreach (Counter c in p4Info.Counters)
        {
            Check(c.Preamble, "counter");
        }

        foreach (DirectCounter c in p4Info.DirectCounters)
        {
            Check(c.Preamble, "direct counter");
        }

        foreach (Meter m in p4Info.Meters)
        {
            Check(m.Preamble, "meter");
        }

        foreach (DirectMeter m in p4Info.DirectMeters)
        {
            Check(m.Preamble, "direct meter");
        }

        foreach (Register r in p4Info.Registers)
        {
            Check(r.Preamble, "register");
        }

        foreach (Digest d in p4Info.Digests)
        {
            Check(d.Preamble, "digest");
        }

        foreach (ControllerPacketMetadata m in p4Info.ControllerPacketMetadata)
        {
            Check(m.Preamble, "controller packet metadata");
        }

        return errors;
    }
}
