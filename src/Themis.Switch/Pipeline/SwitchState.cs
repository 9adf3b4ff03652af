using P4.Config.V1;
using Themis.Switch.Runtime.Externs;
using Themis.Switch.Runtime.Replication;
using Themis.Switch.Runtime.Tables;

namespace Themis.Switch.Pipeline;

/// <summary>
/// The forwarding state of one loaded pipeline: tables, counters, meters, registers (all by
/// P4Info id) and the replication engine. Replaced as a whole when a new pipeline is committed.
/// </summary>
public sealed class SwitchState
{
    private readonly Dictionary<uint, P4Table> _tables = [];
    private readonly Dictionary<uint, CounterArray> _counters = [];
    private readonly Dictionary<uint, MeterArray> _meters = [];
    private readonly Dictionary<uint, RegisterArray> _registers = [];

    /// <summary>Builds empty state for <paramref name="definition"/>.</summary>
    public SwitchState(PipelineDefinition definition, PacketReplicationEngine replication, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = definition;
        Replication = replication ?? throw new ArgumentNullException(nameof(replication));
        Time = time ?? throw new ArgumentNullException(nameof(time));
        P4Info p4 = definition.P4Info;
        var directCounters = p4.DirectCounters.ToDictionary(c => c.Preamble.Id);
        var directMeters = p4.DirectMeters.ToDictionary(m => m.Preamble.Id);
        foreach (Table t in p4.Tables)
        {
            var fields = t.MatchFields.Select(f => new MatchFieldSpec(f.Id, f.Name, f.Bitwidth, ToKind(f))).ToList();
            uint counterId = t.DirectResourceIds.FirstOrDefault(directCounters.ContainsKey);
            uint meterId = t.DirectResourceIds.FirstOrDefault(directMeters.ContainsKey);
            var spec = new TableSpec(t.Preamble.Id, t.Preamble.Name, fields, t.Size > 0 ? t.Size : 1024, definition.DefaultActions.GetValueOrDefault(t.Preamble.Id))
            {
                ConstDefaultAction = t.ConstDefaultActionId != 0,
                ConstEntries = t.IsConstTable,
                SupportsIdleTimeout = t.IdleTimeoutBehavior == Table.Types.IdleTimeoutBehavior.NotifyControl,
                DirectCounterId = counterId,
                DirectCounterUnit = counterId != 0 ? ToUnit(directCounters[counterId].Spec?.Unit) : CounterUnit.PacketsAndBytes,
                DirectMeterId = meterId,
                DirectMeterUnit = meterId != 0 ? ToUnit(directMeters[meterId].Spec?.Unit) : MeterUnit.Bytes,
            };
            var table = new P4Table(spec, time);
            if (definition.ConstEntries.TryGetValue(spec.Id, out IReadOnlyList<TableEntryRecord>? entries))
            {
                foreach (TableEntryRecord entry in entries)
                {
                    table.Insert(entry);
                }
            }

            _tables[spec.Id] = table;
        }

        foreach (Counter c in p4.Counters)
        {
            _counters[c.Preamble.Id] = new CounterArray(c.Preamble.Id, c.Preamble.Name, checked((int)c.Size), ToUnit(c.Spec?.Unit));
        }

        foreach (Meter m in p4.Meters)
        {
            _meters[m.Preamble.Id] = new MeterArray(m.Preamble.Id, m.Preamble.Name, checked((int)m.Size), ToUnit(m.Spec?.Unit), time);
        }

        foreach (Register r in p4.Registers)
        {
            int width = r.TypeSpec?.Bitstring?.Bit?.Bitwidth ?? r.TypeSpec?.Bitstring?.Int?.Bitwidth ?? 32;
            _registers[r.Preamble.Id] = new RegisterArray(r.Preamble.Id, r.Preamble.Name, r.Size, width);
        }
    }

    /// <summary>The pipeline this state belongs to.</summary>
    public PipelineDefinition Definition { get; }

    /// <summary>Multicast groups and clone sessions.</summary>
    public PacketReplicationEngine Replication { get; }

    /// <summary>The switch clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>Tables by P4Info id.</summary>
    public IReadOnlyDictionary<uint, P4Table> Tables => _tables;

    /// <summary>Indirect counters by P4Info id.</summary>
    public IReadOnlyDictionary<uint, CounterArray> Counters => _counters;

    /// <summary>Indirect meters by P4Info id.</summary>
    public IReadOnlyDictionary<uint, MeterArray> Meters => _meters;

    /// <summary>Registers by P4Info id.</summary>
    public IReadOnlyDictionary<uint, RegisterArray> Registers => _registers;

    /// <summary>The table named <paramref name="name"/> (fully qualified).</summary>
    public P4Table TableByName(string name) => _tables.Values.FirstOrDefault(t => t.Spec.Name == name)
        ?? throw new KeyNotFoundException($"No table named '{name}'; tables are: {string.Join(", ", _tables.Values.Select(t => t.Spec.Name))}.");

    private static MatchKind ToKind(MatchField f) => f.MatchType switch
    {
        MatchField.Types.MatchType.Exact => MatchKind.Exact,
        MatchField.Types.MatchType.Lpm => MatchKind.Lpm,
        MatchField.Types.MatchType.Ternary => MatchKind.Ternary,
        MatchField.Types.MatchType.Range => MatchKind.Range,
        MatchField.Types.MatchType.Optional => MatchKind.Optional,
        _ => MatchKind.Exact,
    };

    private static CounterUnit ToUnit(CounterSpec.Types.Unit? unit) => unit switch
    {
        CounterSpec.Types.Unit.Bytes => CounterUnit.Bytes,
        CounterSpec.Types.Unit.Packets => CounterUnit.Packets,
        _ => CounterUnit.PacketsAndBytes,
    };

    private static MeterUnit ToUnit(MeterSpec.Types.Unit? unit) => unit == MeterSpec.Types.Unit.Packets ? MeterUnit.Packets : MeterUnit.Bytes;
}
