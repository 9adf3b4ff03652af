using Google.Protobuf;
using Google.Rpc;
using P4.Config.V1;
using Themis.Switch.Engine;
using Themis.Switch.Pipeline;
using Themis.Switch.Runtime.Externs;
using Themis.Switch.Runtime.Replication;
using Themis.Switch.Runtime.Tables;
using V1 = global::P4.V1;

namespace Themis.Switch.Server;

/// <summary>
/// The P4Runtime view of the switch: applies writes and answers reads against the loaded
/// pipeline, enforcing the P4Info and (in strict mode) BMv2's PI limits. Writes are serialised.
/// </summary>
internal sealed partial class DeviceManager(SoftwareSwitch sw, ServerOptions options)
{
    private readonly Lock _writeLock = new();
    private TableEntryCodec? _codec;

    // PI's clone session id range (pre_clone_mgr.h: kMinCloneSessionId 1, kMaxCloneSessionId 512).
    private const uint MaxCloneSessionId = 512;

    public SoftwareSwitch Switch => sw;

    public DigestManager? Digests { get; set; }

    public TableEntryCodec? Codec => Volatile.Read(ref _codec);

    public void OnPipelineLoaded(SwitchState state) => Volatile.Write(ref _codec, new TableEntryCodec(state));

    /// <summary>Applies one update on its own (CONTINUE_ON_ERROR semantics for a batch of one).</summary>
    public V1.Error Apply(V1.Update update) => ApplyBatch([update], allOrNothing: false)[0];

    private void ApplyCore(TableEntryCodec codec, V1.Update update)
    {
        if (update.Type == V1.Update.Types.Type.Unspecified)
        {
            throw UpdateError.Invalid("Update type is not set; use INSERT, MODIFY or DELETE.");
        }

        WriteKind kind = update.Type switch
        {
            V1.Update.Types.Type.Insert => WriteKind.Insert,
            V1.Update.Types.Type.Modify => WriteKind.Modify,
            _ => WriteKind.Delete,
        };
        V1.Entity entity = update.Entity ?? throw UpdateError.Invalid("The update has no entity.");
        switch (entity.EntityCase)
        {
            case V1.Entity.EntityOneofCase.TableEntry:
                WriteTable(codec, kind, entity.TableEntry);
                break;
            case V1.Entity.EntityOneofCase.CounterEntry:
                WriteCounter(codec.State, kind, entity.CounterEntry);
                break;
            case V1.Entity.EntityOneofCase.DirectCounterEntry:
                WriteDirect(codec, kind, entity.DirectCounterEntry.TableEntry, "DirectCounterEntry", e =>
                {
                    CounterCell cell = e.DirectCounter ?? throw UpdateError.Invalid("Table has no direct counters.");
                    V1.CounterData d = entity.DirectCounterEntry.Data ?? new V1.CounterData();
                    cell.Set(d.PacketCount, d.ByteCount);
                });
                break;
            case V1.Entity.EntityOneofCase.MeterEntry:
                WriteMeter(codec.State, kind, entity.MeterEntry);
                break;
            case V1.Entity.EntityOneofCase.DirectMeterEntry:
                WriteDirect(codec, kind, entity.DirectMeterEntry.TableEntry, "DirectMeterEntry", e =>
                {
                    MeterCell cell = e.DirectMeter ?? throw UpdateError.Invalid("Table has no direct meters.");
                    cell.TryConfigure(TableEntryCodec.FromProto(entity.DirectMeterEntry.Config ?? new V1.MeterConfig()));
                });
                break;
            case V1.Entity.EntityOneofCase.RegisterEntry:
                if (options.StrictBmv2)
                {
                    throw new UpdateError(Code.Unimplemented, "Register writes are not supported yet");
                }

                WriteRegister(codec.State, kind, entity.RegisterEntry);
                break;
            case V1.Entity.EntityOneofCase.PacketReplicationEngineEntry:
                WritePre(kind, entity.PacketReplicationEngineEntry);
                break;
            case V1.Entity.EntityOneofCase.DigestEntry:
                (Digests ?? throw new UpdateError(Code.Internal, "Digests are not available.")).Configure(codec.State, kind, entity.DigestEntry);
                break;
            case V1.Entity.EntityOneofCase.ValueSetEntry:
                throw new UpdateError(Code.Unimplemented, "ValueSet writes are not supported yet");
            case V1.Entity.EntityOneofCase.ExternEntry:
                throw new UpdateError(Code.Unimplemented, "Extern entries are not supported: v1model has no P4Runtime-managed externs.");
            case V1.Entity.EntityOneofCase.ActionProfileMember:
            case V1.Entity.EntityOneofCase.ActionProfileGroup:
                throw new UpdateError(Code.Unimplemented, "Action profiles are not supported by this switch.");
            default:
                throw new UpdateError(Code.Unknown, "Incorrect entity type");
        }
    }

    private void WriteTable(TableEntryCodec codec, WriteKind kind, V1.TableEntry te)
    {
        (P4Table table, Table info) = codec.Resolve(te.TableId);
        if (te.IsDefaultAction)
        {
            if (te.Match.Count > 0)
            {
                throw UpdateError.Invalid($"A default entry of table '{info.Preamble.Name}' must have no match fields.");
            }

            if (kind != WriteKind.Modify)
            {
                throw UpdateError.Invalid($"The default entry of table '{info.Preamble.Name}' can only be modified (INSERT and DELETE are invalid for default entries).");
            }

            if (table.Spec.ConstDefaultAction)
            {
                throw new UpdateError(Code.PermissionDenied, $"The default action of table '{info.Preamble.Name}' is const and cannot be changed.");
            }

            if (te.Action is null)
            {
                table.ResetDefaultAction();
            }
            else
            {
                table.SetDefaultAction(codec.ParseAction(info, te.Action, forDefault: true));
            }

            ApplyDirectResources(table.DefaultEntry, te, kind);
            return;
        }

        if (table.Spec.ConstEntries)
        {
            throw UpdateError.Invalid($"Table '{info.Preamble.Name}' is const (its entries are fixed by the program).");
        }

        KeyFieldMatch[] matches = codec.ParseMatch(info, table, te.Match);
        int priority = codec.CheckPriority(info, table, te.Priority);
        if (te.IdleTimeoutNs < 0 || (te.IdleTimeoutNs > 0 && !table.Spec.SupportsIdleTimeout))
        {
            throw UpdateError.Invalid($"idle_timeout_ns {te.IdleTimeoutNs} is invalid for table '{info.Preamble.Name}' (it must be >= 0, and 0 unless the table supports timeout).");
        }

        switch (kind)
        {
            case WriteKind.Insert:
            {
                var entry = new TableEntryRecord(matches, priority, codec.ParseAction(info, te.Action, forDefault: false), codec.State.Time)
                {
                    Metadata = te.Metadata.ToByteArray(),
                    IdleTimeoutNs = te.IdleTimeoutNs,
                };
                TableOperationStatus status = table.Insert(entry);
                if (status == TableOperationStatus.AlreadyExists)
                {
                    throw new UpdateError(Code.AlreadyExists, $"An entry with this match key{(priority != 0 ? " and priority" : string.Empty)} already exists in table '{info.Preamble.Name}'; use MODIFY to change it.");
                }

                if (status == TableOperationStatus.Full)
                {
                    throw new UpdateError(Code.ResourceExhausted, $"Table '{info.Preamble.Name}' is full ({table.Spec.MaxSize} entries); delete entries or raise its size.");
                }

                ApplyDirectResources(entry, te, WriteKind.Insert);
                break;
            }

            case WriteKind.Modify:
            {
                ActionCall action = codec.ParseAction(info, te.Action, forDefault: false);
                TableOperationStatus status = table.Modify(matches, priority, e =>
                {
                    e.Action = action;
                    e.Metadata = te.Metadata.ToByteArray();
                    if (e.IdleTimeoutNs != te.IdleTimeoutNs)
                    {
                        e.IdleTimeoutNs = te.IdleTimeoutNs;
                    }

                    ApplyDirectResources(e, te, WriteKind.Modify);
                });
                if (status == TableOperationStatus.NotFound)
                {
                    throw new UpdateError(Code.NotFound, $"No entry with this match key in table '{info.Preamble.Name}'; INSERT it first.");
                }

                break;
            }

            default:
                if (table.Delete(matches, priority) == TableOperationStatus.NotFound)
                {
                    throw new UpdateError(Code.NotFound, $"No entry with this match key in table '{info.Preamble.Name}' to delete.");
                }

                break;
        }
    }

    private static void ApplyDirectResources(TableEntryRecord entry, V1.TableEntry te, WriteKind kind)
    {
        if (te.CounterData is not null)
        {
            if (entry.DirectCounter is null)
            {
                throw UpdateError.Invalid("Table has no direct counters; remove counter_data.");
            }

            entry.DirectCounter.Set(te.CounterData.PacketCount, te.CounterData.ByteCount);
        }

        if (te.MeterConfig is not null)
        {
            if (entry.DirectMeter is null)
            {
                throw UpdateError.Invalid("Table has no direct meters; remove meter_config.");
            }

            entry.DirectMeter.TryConfigure(TableEntryCodec.FromProto(te.MeterConfig));
        }
        else if (kind == WriteKind.Modify && entry.DirectMeter is not null)
        {
            // Spec: an unset meter_config on MODIFY resets the direct meter.
            entry.DirectMeter.Reset();
        }
    }

    private static void WriteDirect(TableEntryCodec codec, WriteKind kind, V1.TableEntry? te, string what, Action<TableEntryRecord> change)
    {
        if (te is null)
        {
            throw UpdateError.Invalid($"Missing table_entry field in {what}");
        }

        if (kind != WriteKind.Modify)
        {
            throw UpdateError.Invalid($"{what} supports MODIFY only (the cell lives and dies with its table entry).");
        }

        (P4Table table, Table info) = codec.Resolve(te.TableId);
        if (te.IsDefaultAction)
        {
            change(table.DefaultEntry);
            return;
        }

        KeyFieldMatch[] matches = codec.ParseMatch(info, table, te.Match);
        int priority = codec.CheckPriority(info, table, te.Priority);
        if (table.Modify(matches, priority, change) == TableOperationStatus.NotFound)
        {
            throw new UpdateError(Code.NotFound, $"No entry with this match key in table '{info.Preamble.Name}'.");
        }
    }

    private void WriteCounter(SwitchState state, WriteKind kind, V1.CounterEntry ce)
    {
        if (!state.Counters.TryGetValue(ce.CounterId, out CounterArray? counter))
        {
            throw new UpdateError(Code.NotFound, $"Invalid P4 id: no counter has id {ce.CounterId}.");
        }

        if (kind != WriteKind.Modify)
        {
            throw UpdateError.Invalid($"{kind.ToString().ToUpperInvariant()} update type not supported for counters; use MODIFY.");
        }

        V1.CounterData data = ce.Data ?? new V1.CounterData();
        foreach (int index in Indices(ce.Index, counter.Size, "counter", "Wildcard write is not supported for indirect counters yet"))
        {
            counter[index].Set(data.PacketCount, data.ByteCount);
        }
    }

    private void WriteMeter(SwitchState state, WriteKind kind, V1.MeterEntry me)
    {
        if (!state.Meters.TryGetValue(me.MeterId, out MeterArray? meter))
        {
            throw new UpdateError(Code.NotFound, $"Invalid P4 id: no meter has id {me.MeterId}.");
        }

        if (kind != WriteKind.Modify)
        {
            throw UpdateError.Invalid($"{kind.ToString().ToUpperInvariant()} update type not supported for meters; use MODIFY.");
        }

        MeterConfig config = TableEntryCodec.FromProto(me.Config ?? new V1.MeterConfig());
        foreach (int index in Indices(me.Index, meter.Size, "meter", "Wildcard write is not supported for indirect meters yet"))
        {
            meter[index].TryConfigure(config);
        }
    }

    private void WriteRegister(SwitchState state, WriteKind kind, V1.RegisterEntry re)
    {
        if (!state.Registers.TryGetValue(re.RegisterId, out RegisterArray? register))
        {
            throw new UpdateError(Code.NotFound, $"Invalid P4 id: no register has id {re.RegisterId}.");
        }

        if (kind != WriteKind.Modify)
        {
            throw UpdateError.Invalid($"{kind.ToString().ToUpperInvariant()} update type not supported for registers; use MODIFY.");
        }

        if (re.Data is null)
        {
            // Spec: MODIFY without data resets the cells (to 0, BMv2's initial value).
            foreach (int index in Indices(re.Index, register.Size, "register", null))
            {
                register.Write((ulong)index, 0);
            }

            return;
        }

        if (re.Data.DataCase != V1.P4Data.DataOneofCase.Bitstring)
        {
            throw UpdateError.Invalid($"Register '{register.Name}' holds bit<{register.BitWidth}>; give data as a bitstring.");
        }

        byte[] padded = ByteStrings.ToPadded(re.Data.Bitstring, register.BitWidth, $"Register '{register.Name}' value");
        var value = new System.Numerics.BigInteger(padded, isUnsigned: true, isBigEndian: true);
        foreach (int index in Indices(re.Index, register.Size, "register", null))
        {
            register.WriteWide((ulong)index, value);
        }
    }

    private IEnumerable<int> Indices(V1.Index? index, int size, string what, string? strictWildcardMessage)
    {
        if (index is null)
        {
            if (options.StrictBmv2 && strictWildcardMessage is not null)
            {
                throw new UpdateError(Code.Unimplemented, strictWildcardMessage);
            }

            return Enumerable.Range(0, size);
        }

        if (index.Index_ < 0)
        {
            throw UpdateError.Invalid("A negative number is not a valid index value");
        }

        if (index.Index_ >= size)
        {
            throw new UpdateError(Code.OutOfRange, $"Index {index.Index_} is out of range for this {what} of size {size}.");
        }

        return [(int)index.Index_];
    }

    private void WritePre(WriteKind kind, V1.PacketReplicationEngineEntry pre)
    {
        switch (pre.TypeCase)
        {
            case V1.PacketReplicationEngineEntry.TypeOneofCase.MulticastGroupEntry:
            {
                V1.MulticastGroupEntry g = pre.MulticastGroupEntry;
                if (g.MulticastGroupId == 0)
                {
                    throw UpdateError.Invalid("0 is not a valid group id");
                }

                var group = new MulticastGroup(g.MulticastGroupId, kind == WriteKind.Delete ? [] : Replicas(g.Replicas), g.Metadata.ToByteArray());
                Check(sw.Replication.WriteGroup(kind, group), $"Multicast group {g.MulticastGroupId}");
                break;
            }

            case V1.PacketReplicationEngineEntry.TypeOneofCase.CloneSessionEntry:
            {
                V1.CloneSessionEntry s = pre.CloneSessionEntry;
                if (s.SessionId == 0)
                {
                    throw UpdateError.Invalid("0 is not a valid session id");
                }

                if (s.SessionId >= MaxCloneSessionId)
                {
                    throw new UpdateError(Code.OutOfRange, "Clone session id out-of-range");
                }

                if (kind != WriteKind.Delete && options.StrictBmv2)
                {
                    if (s.ClassOfService != 0)
                    {
                        throw new UpdateError(Code.Unimplemented, "COS for clone sessions not supported yet");
                    }

                    if (s.PacketLengthBytes != 0)
                    {
                        // BMv2's PI target refuses truncation (pi_clone_imp.cpp), which PI reports as UNKNOWN.
                        throw new UpdateError(Code.Unknown, "Error when creating clone session in target");
                    }
                }

                if (s.PacketLengthBytes < 0)
                {
                    throw UpdateError.Invalid("packet_length_bytes must not be negative.");
                }

                var session = new CloneSession(s.SessionId, kind == WriteKind.Delete ? [] : Replicas(s.Replicas), s.ClassOfService, s.PacketLengthBytes);
                Check(sw.Replication.WriteSession(kind, session), $"Clone session {s.SessionId}");
                break;
            }

            default:
                throw UpdateError.Invalid("Invalid PRE operation");
        }
    }

    private static Replica[] Replicas(IEnumerable<V1.Replica> replicas)
    {
        var result = new List<Replica>();
        foreach (V1.Replica r in replicas)
        {
            uint port = r.PortKindCase switch
            {
#pragma warning disable CS0612 // the deprecated egress_port is still what BMv2-era controllers send
                V1.Replica.PortKindOneofCase.EgressPort => r.EgressPort,
#pragma warning restore CS0612
                V1.Replica.PortKindOneofCase.Port => (uint)new System.Numerics.BigInteger(ByteStrings.ToPadded(r.Port, 32, "Replica port"), isUnsigned: true, isBigEndian: true),
                _ => throw UpdateError.Invalid("A replica has no port."),
            };
            var replica = new Replica(port, r.Instance);
            if (result.Contains(replica))
            {
                throw UpdateError.Invalid($"Replica (port {port}, instance {r.Instance}) appears twice; each replica must be unique.");
            }

            result.Add(replica);
        }

        return [.. result];
    }

    private static void Check(PreStatus status, string what)
    {
        if (status == PreStatus.AlreadyExists)
        {
            throw new UpdateError(Code.AlreadyExists, $"{what} already exists; use MODIFY to change it.");
        }

        if (status == PreStatus.NotFound)
        {
            throw new UpdateError(Code.NotFound, $"{what} does not exist.");
        }
    }

    public ByteString DeviceConfig => Codec?.State.Definition.DeviceConfig ?? ByteString.Empty;
}
