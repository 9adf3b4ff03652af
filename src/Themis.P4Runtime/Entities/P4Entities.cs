using Google.Protobuf;
using P4.Config.V1;
using P4.V1;
using Themis.P4Runtime.Encoding;
using Themis.P4Runtime.Info;

namespace Themis.P4Runtime.Entities;

/// <summary>
/// Builders for every P4Runtime entity the Themis tools write or read, by name through a
/// <see cref="P4InfoIndex"/>. Read filters leave ids or indexes unset to act as wildcards
/// (P4Runtime specification §11.1).
/// </summary>
public static class P4Entities
{
    /// <summary>Starts a table entry for <paramref name="table"/>.</summary>
    public static TableEntryBuilder TableEntry(this P4InfoIndex index, string table)
    {
        ArgumentNullException.ThrowIfNull(index);
        return new TableEntryBuilder(index, index.Table(table), isDefault: false);
    }

    /// <summary>Starts the default entry of <paramref name="table"/> (modify it to change the default action).</summary>
    public static TableEntryBuilder DefaultEntry(this P4InfoIndex index, string table)
    {
        ArgumentNullException.ThrowIfNull(index);
        return new TableEntryBuilder(index, index.Table(table), isDefault: true);
    }

    /// <summary>A read filter for all entries of <paramref name="table"/>, or of every table when null.</summary>
    public static Entity AllTableEntries(this P4InfoIndex index, string? table = null, bool withCounters = false)
    {
        ArgumentNullException.ThrowIfNull(index);
        var entry = new P4.V1.TableEntry { TableId = table is null ? 0 : index.Table(table).Preamble.Id };
        if (withCounters)
        {
            entry.CounterData = new CounterData();
        }

        return new Entity { TableEntry = entry };
    }

    /// <summary>A register cell (or, with no index, every cell as a read filter); data is optional for reads.</summary>
    public static Entity RegisterEntry(this P4InfoIndex index, string register, long? cellIndex = null, P4Data? data = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        Register info = index.Register(register);
        CheckIndex(info.Preamble.Name, cellIndex, info.Size);
        var entry = new P4.V1.RegisterEntry { RegisterId = info.Preamble.Id, Data = data };
        if (cellIndex is long i)
        {
            entry.Index = new P4.V1.Index { Index_ = i };
        }

        return new Entity { RegisterEntry = entry };
    }

    /// <summary>A register cell holding a <c>bit&lt;W&gt;</c> value.</summary>
    public static Entity RegisterValue(this P4InfoIndex index, string register, long cellIndex, object value)
    {
        ArgumentNullException.ThrowIfNull(index);
        Register info = index.Register(register);
        int width = info.TypeSpec?.Bitstring?.Bit?.Bitwidth ?? 0;
        if (width == 0)
        {
            throw new InvalidOperationException($"Register '{info.Preamble.Name}' does not hold a plain bit<W> value; pass a P4Data instead.");
        }

        return index.RegisterEntry(register, (long?)cellIndex, new P4Data { Bitstring = P4Value.Encode(value, width) });
    }

    /// <summary>An indirect counter cell (or every cell, with no index).</summary>
    public static Entity CounterEntry(this P4InfoIndex index, string counter, long? cellIndex = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        Counter info = index.Counter(counter);
        CheckIndex(info.Preamble.Name, cellIndex, info.Size);
        var entry = new P4.V1.CounterEntry { CounterId = info.Preamble.Id };
        if (cellIndex is long i)
        {
            entry.Index = new P4.V1.Index { Index_ = i };
        }

        return new Entity { CounterEntry = entry };
    }

    /// <summary>The direct counter of a table entry (read it, or reset it by writing zero data).</summary>
    public static Entity DirectCounterEntry(P4.V1.TableEntry tableEntry, CounterData? data = null)
    {
        ArgumentNullException.ThrowIfNull(tableEntry);
        var keyOnly = tableEntry.Clone();
        keyOnly.Action = null;
        keyOnly.CounterData = null;
        return new Entity { DirectCounterEntry = new P4.V1.DirectCounterEntry { TableEntry = keyOnly, Data = data } };
    }

    /// <summary>An indirect meter cell with an optional configuration (CIR/CBS/PIR/PBS).</summary>
    public static Entity MeterEntry(this P4InfoIndex index, string meter, long? cellIndex = null, MeterConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        Meter info = index.Meter(meter);
        CheckIndex(info.Preamble.Name, cellIndex, info.Size);
        var entry = new P4.V1.MeterEntry { MeterId = info.Preamble.Id, Config = config };
        if (cellIndex is long i)
        {
            entry.Index = new P4.V1.Index { Index_ = i };
        }

        return new Entity { MeterEntry = entry };
    }

    /// <summary>
    /// Digest configuration; inserting it is what makes a P4Runtime server (BMv2's included) start
    /// sending that digest. Timeouts in nanoseconds; <paramref name="maxListSize"/> 1 means one
    /// message per list.
    /// </summary>
    public static Entity DigestEntry(this P4InfoIndex index, string digest, long maxTimeoutNs = 0, int maxListSize = 1, long ackTimeoutNs = 1_000_000_000)
    {
        ArgumentNullException.ThrowIfNull(index);
        return new Entity
        {
            DigestEntry = new P4.V1.DigestEntry
            {
                DigestId = index.Digest(digest).Preamble.Id,
                Config = new P4.V1.DigestEntry.Types.Config { MaxTimeoutNs = maxTimeoutNs, MaxListSize = maxListSize, AckTimeoutNs = ackTimeoutNs },
            },
        };
    }

    /// <summary>A clone session sending copies to <paramref name="replicas"/> (port, instance).</summary>
    /// <remarks>Ports are written to the <c>egress_port</c> field, which BMv2's P4Runtime server
    /// reads; <paramref name="packetLengthBytes"/> 0 means no truncation (BMv2 refuses truncation).</remarks>
    public static Entity CloneSession(uint sessionId, IEnumerable<(uint Port, uint Instance)> replicas, uint classOfService = 0, int packetLengthBytes = 0)
    {
        ArgumentNullException.ThrowIfNull(replicas);
        var session = new CloneSessionEntry { SessionId = sessionId, ClassOfService = classOfService, PacketLengthBytes = packetLengthBytes };
        session.Replicas.AddRange(replicas.Select(r => Replica(r.Port, r.Instance)));
        return new Entity { PacketReplicationEngineEntry = new PacketReplicationEngineEntry { CloneSessionEntry = session } };
    }

    /// <summary>A multicast group with the given (port, instance) replicas.</summary>
    public static Entity MulticastGroup(uint groupId, IEnumerable<(uint Port, uint Instance)> replicas)
    {
        ArgumentNullException.ThrowIfNull(replicas);
        var group = new MulticastGroupEntry { MulticastGroupId = groupId };
        group.Replicas.AddRange(replicas.Select(r => Replica(r.Port, r.Instance)));
        return new Entity { PacketReplicationEngineEntry = new PacketReplicationEngineEntry { MulticastGroupEntry = group } };
    }

    /// <summary>The port of a replica, from either the legacy numeric field or the newer bytes field.</summary>
    public static uint ReplicaPort(Replica replica)
    {
        ArgumentNullException.ThrowIfNull(replica);
#pragma warning disable CS0612 // egress_port is the field BMv2's server understands
        return replica.PortKindCase == P4.V1.Replica.PortKindOneofCase.Port
            ? (uint)P4Bytes.DecodeUInt64(replica.Port, 32)
            : replica.EgressPort;
#pragma warning restore CS0612
    }

    public static Update Insert(Entity entity) => new() { Type = Update.Types.Type.Insert, Entity = entity };

    public static Update Modify(Entity entity) => new() { Type = Update.Types.Type.Modify, Entity = entity };

    public static Update Delete(Entity entity) => new() { Type = Update.Types.Type.Delete, Entity = entity };

    public static Entity ToEntity(this P4.V1.TableEntry entry) => new() { TableEntry = entry };

    private static Replica Replica(uint port, uint instance)
    {
#pragma warning disable CS0612 // egress_port is the field BMv2's server understands
        return new Replica { EgressPort = port, Instance = instance };
#pragma warning restore CS0612
    }

    private static void CheckIndex(string name, long? index, long size)
    {
        if (index is long i && (i < 0 || i >= size))
        {
            throw new ArgumentOutOfRangeException(nameof(index), i, $"'{name}' has {size} cells (0..{size - 1}).");
        }
    }
}
