using Google.Protobuf;
using P4.Config.V1;
using Themis.P4Runtime.TextFormat;

namespace Themis.P4Runtime.Info;

/// <summary>
/// A read-only index over a P4Info: every table, action, extern and controller header resolvable
/// by id, fully-qualified name (<c>MyIngress.qp_field</c>), P4Info alias or unambiguous short name
/// (<c>qp_field</c>). Lookups that fail throw <see cref="P4InfoLookupException"/> naming the kind,
/// the name and the closest existing names.
/// </summary>
public sealed class P4InfoIndex
{
    private readonly NameIndex<Table> _tables;
    private readonly NameIndex<P4.Config.V1.Action> _actions;
    private readonly NameIndex<ActionProfile> _actionProfiles;
    private readonly NameIndex<Counter> _counters;
    private readonly NameIndex<DirectCounter> _directCounters;
    private readonly NameIndex<Meter> _meters;
    private readonly NameIndex<DirectMeter> _directMeters;
    private readonly NameIndex<Register> _registers;
    private readonly NameIndex<Digest> _digests;
    private readonly NameIndex<ValueSet> _valueSets;
    private readonly NameIndex<ControllerPacketMetadata> _packetMetadata;

    private P4InfoIndex(P4Info p4Info)
    {
        P4Info = p4Info;
        _tables = Build(P4EntityKind.Table, p4Info.Tables, t => t.Preamble);
        _actions = Build(P4EntityKind.Action, p4Info.Actions, a => a.Preamble);
        _actionProfiles = Build(P4EntityKind.ActionProfile, p4Info.ActionProfiles, a => a.Preamble);
        _counters = Build(P4EntityKind.Counter, p4Info.Counters, c => c.Preamble);
        _directCounters = Build(P4EntityKind.DirectCounter, p4Info.DirectCounters, c => c.Preamble);
        _meters = Build(P4EntityKind.Meter, p4Info.Meters, m => m.Preamble);
        _directMeters = Build(P4EntityKind.DirectMeter, p4Info.DirectMeters, m => m.Preamble);
        _registers = Build(P4EntityKind.Register, p4Info.Registers, r => r.Preamble);
        _digests = Build(P4EntityKind.Digest, p4Info.Digests, d => d.Preamble);
        _valueSets = Build(P4EntityKind.ValueSet, p4Info.ValueSets, v => v.Preamble);
        _packetMetadata = Build(P4EntityKind.ControllerPacketMetadata, p4Info.ControllerPacketMetadata, c => c.Preamble);
    }

    /// <summary>The indexed P4Info (do not modify it).</summary>
    public P4Info P4Info { get; }

    /// <summary>Indexes a P4Info message.</summary>
    public static P4InfoIndex FromP4Info(P4Info p4Info)
    {
        ArgumentNullException.ThrowIfNull(p4Info);
        return new P4InfoIndex(p4Info);
    }

    /// <summary>
    /// Loads a P4Info file written by p4c (<c>--p4runtime-files x.p4info.txtpb</c> or <c>.bin</c>)
    /// or by <c>themis-p4</c>: protobuf text format or binary, recognised by content.
    /// </summary>
    public static P4InfoIndex Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = File.ReadAllBytes(path);
        return FromP4Info(ParseP4Info(bytes, path));
    }

    /// <summary>Parses P4Info bytes in binary or text format (text when the bytes are printable UTF-8).</summary>
    public static P4Info ParseP4Info(ReadOnlySpan<byte> bytes, string sourceName = "P4Info")
    {
        if (LooksLikeText(bytes))
        {
            return TextFormatParser.Parse<P4Info>(System.Text.Encoding.UTF8.GetString(bytes), sourceName);
        }

        try
        {
            return P4Info.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"{sourceName} is neither a text-format nor a binary P4Info: {e.Message}", e);
        }
    }

    public IReadOnlyList<string> TableNames => _tables.Names;

    public IReadOnlyList<string> ActionNames => _actions.Names;

    public IReadOnlyList<string> RegisterNames => _registers.Names;

    public IReadOnlyList<string> CounterNames => _counters.Names;

    public IReadOnlyList<string> DirectCounterNames => _directCounters.Names;

    public IReadOnlyList<string> MeterNames => _meters.Names;

    public IReadOnlyList<string> DigestNames => _digests.Names;

    public Table Table(string name) => _tables.Get(name);

    public Table Table(uint id) => _tables.Get(id);

    public bool TryGetTable(string name, out Table table) => _tables.TryGet(name, out table);

    public P4.Config.V1.Action Action(string name) => _actions.Get(name);

    public P4.Config.V1.Action Action(uint id) => _actions.Get(id);

    public bool TryGetAction(string name, out P4.Config.V1.Action action) => _actions.TryGet(name, out action);

    public ActionProfile ActionProfile(string name) => _actionProfiles.Get(name);

    public Counter Counter(string name) => _counters.Get(name);

    public Counter Counter(uint id) => _counters.Get(id);

    public DirectCounter DirectCounter(string name) => _directCounters.Get(name);

    public DirectCounter DirectCounter(uint id) => _directCounters.Get(id);

    public Meter Meter(string name) => _meters.Get(name);

    public Meter Meter(uint id) => _meters.Get(id);

    public DirectMeter DirectMeter(string name) => _directMeters.Get(name);

    public DirectMeter DirectMeter(uint id) => _directMeters.Get(id);

    public Register Register(string name) => _registers.Get(name);

    public Register Register(uint id) => _registers.Get(id);

    public Digest Digest(string name) => _digests.Get(name);

    public Digest Digest(uint id) => _digests.Get(id);

    public ValueSet ValueSet(string name) => _valueSets.Get(name);

    /// <summary>A <c>@controller_header</c> by name: "packet_in" or "packet_out".</summary>
    public ControllerPacketMetadata ControllerPacketMetadata(string name) => _packetMetadata.Get(name);

    public bool TryGetControllerPacketMetadata(string name, out ControllerPacketMetadata metadata) =>
        _packetMetadata.TryGet(name, out metadata);

    /// <summary>The direct counter attached to a table, or null.</summary>
    public DirectCounter? DirectCounterOf(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.DirectResourceIds.Select(id => _directCounters.TryGet(id, out DirectCounter c) ? c : null).FirstOrDefault(c => c is not null);
    }

    /// <summary>The direct meter attached to a table, or null.</summary>
    public DirectMeter? DirectMeterOf(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.DirectResourceIds.Select(id => _directMeters.TryGet(id, out DirectMeter m) ? m : null).FirstOrDefault(m => m is not null);
    }

    /// <summary>A match field of <paramref name="table"/> by name (as p4c writes it, e.g. "hdr.ipv4.dst_addr" or its @name).</summary>
    public static MatchField MatchField(Table table, string name)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(name);
        MatchField? field = table.MatchFields.FirstOrDefault(f => f.Name == name)
            ?? table.MatchFields.SingleOrDefaultIfUnique(f => f.Name.EndsWith("." + name, StringComparison.Ordinal));
        return field ?? throw new P4InfoLookupException("match field", name,
            NameSuggestions.Closest(name, table.MatchFields.Select(f => f.Name)),
            $"Table '{table.Preamble.Name}' has no match field named '{name}'. Its fields: {string.Join(", ", table.MatchFields.Select(f => f.Name))}.");
    }

    /// <summary>A match field of <paramref name="table"/> by id.</summary>
    public static MatchField MatchField(Table table, uint id)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.MatchFields.FirstOrDefault(f => f.Id == id)
            ?? throw new P4InfoLookupException("match field", id.ToString(System.Globalization.CultureInfo.InvariantCulture), [],
                $"Table '{table.Preamble.Name}' has no match field with id {id}.");
    }

    /// <summary>A parameter of <paramref name="action"/> by name.</summary>
    public static P4.Config.V1.Action.Types.Param Param(P4.Config.V1.Action action, string name)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(name);
        return action.Params.FirstOrDefault(p => p.Name == name)
            ?? throw new P4InfoLookupException("action parameter", name,
                NameSuggestions.Closest(name, action.Params.Select(p => p.Name)),
                $"Action '{action.Preamble.Name}' has no parameter named '{name}'." +
                (action.Params.Count == 0 ? " It takes no parameters." : $" Its parameters: {string.Join(", ", action.Params.Select(p => p.Name))}."));
    }

    /// <summary>A field of a controller header (packet_in/packet_out) by name.</summary>
    public static ControllerPacketMetadata.Types.Metadata PacketMetadataField(ControllerPacketMetadata header, string name)
    {
        ArgumentNullException.ThrowIfNull(header);
        return header.Metadata.FirstOrDefault(m => m.Name == name)
            ?? throw new P4InfoLookupException("packet metadata field", name,
                NameSuggestions.Closest(name, header.Metadata.Select(m => m.Name)),
                $"Controller header '{header.Preamble.Name}' has no field named '{name}'. Its fields: {string.Join(", ", header.Metadata.Select(m => m.Name))}.");
    }

    /// <summary>True when <paramref name="action"/> may be used by entries of <paramref name="table"/> (not @defaultonly).</summary>
    public static bool IsEntryAction(Table table, uint actionId)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.ActionRefs.Any(r => r.Id == actionId && r.Scope != ActionRef.Types.Scope.DefaultOnly);
    }

    /// <summary>True when <paramref name="action"/> may be the default action of <paramref name="table"/> (not @tableonly).</summary>
    public static bool IsDefaultAction(Table table, uint actionId)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.ActionRefs.Any(r => r.Id == actionId && r.Scope != ActionRef.Types.Scope.TableOnly);
    }

    /// <summary>The kind of object an id belongs to, from its top byte (P4Ids.Prefix).</summary>
    public static P4Ids.Types.Prefix PrefixOf(uint id) => (P4Ids.Types.Prefix)(id >> 24);

    private static NameIndex<T> Build<T>(P4EntityKind kind, IEnumerable<T> items, Func<T, Preamble> preamble) where T : class =>
        new(kind.Describe(), items, i => preamble(i).Id, i => preamble(i).Name, i => preamble(i).Alias);

    private static bool LooksLikeText(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return true;
        }

        foreach (byte b in bytes[..Math.Min(bytes.Length, 512)])
        {
            if (b < 0x09 || (b > 0x0d && b < 0x20 && b != 0x1b))
            {
                return false;
            }
        }

        return true;
    }
}
