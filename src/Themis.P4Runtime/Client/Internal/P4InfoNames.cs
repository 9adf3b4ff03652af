using P4.Config.V1;

namespace Themis.P4Runtime.Client.Internal;

/// <summary>Id-to-name lookup over a P4Info, so error messages can name tables and externs.</summary>
internal sealed class P4InfoNames
{
    private readonly Dictionary<uint, string> _names = [];

    public P4InfoNames(P4Info p4Info)
    {
        AddAll(p4Info.Tables.Select(t => t.Preamble));
        AddAll(p4Info.Actions.Select(a => a.Preamble));
        AddAll(p4Info.ActionProfiles.Select(a => a.Preamble));
        AddAll(p4Info.Counters.Select(c => c.Preamble));
        AddAll(p4Info.DirectCounters.Select(c => c.Preamble));
        AddAll(p4Info.Meters.Select(m => m.Preamble));
        AddAll(p4Info.DirectMeters.Select(m => m.Preamble));
        AddAll(p4Info.ControllerPacketMetadata.Select(m => m.Preamble));
        AddAll(p4Info.ValueSets.Select(v => v.Preamble));
        AddAll(p4Info.Registers.Select(r => r.Preamble));
        AddAll(p4Info.Digests.Select(d => d.Preamble));
    }

    public string? NameOf(uint id) => _names.GetValueOrDefault(id);

    private void AddAll(IEnumerable<Preamble?> preambles)
    {
        foreach (Preamble? preamble in preambles)
        {
            if (preamble is not null && preamble.Id != 0)
            {
                _names.TryAdd(preamble.Id, preamble.Name);
            }
        }
    }
}
