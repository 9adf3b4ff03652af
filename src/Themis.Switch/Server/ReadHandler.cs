using Google.Protobuf;
using Google.Rpc;
using P4.Config.V1;
using Themis.Switch.Pipeline;
using Themis.Switch.Runtime.Externs;
using Themis.Switch.Runtime.Replication;
using Themis.Switch.Runtime.Tables;
using V1 = global::P4.V1;

namespace Themis.Switch.Server;

/// <summary>Answers Read requests: wildcards per the spec, canonical bytestrings, strict-mode refusals as PI.</summary>
internal sealed class ReadHandler(DeviceManager device, ServerOptions options)
{
    public IEnumerable<V1.Entity> Read(V1.Entity filter)
    {
        TableEntryCodec codec = device.Codec ?? throw new UpdateError(Code.FailedPrecondition, "No forwarding pipeline config set for this device.");
        SwitchState state = codec.State;
        switch (filter.EntityCase)
        {
            case V1.Entity.EntityOneofCase.TableEntry:
                return ReadTables(codec, filter.TableEntry).Select(e => new V1.Entity { TableEntry = e });
            case V1.Entity.EntityOneofCase.CounterEntry:
                return ReadCounters(state, filter.CounterEntry);
            case V1.Entity.EntityOneofCase.DirectCounterEntry:
                return ReadDirect(codec, filter.DirectCounterEntry.TableEntry, withCounter: true);
            case V1.Entity.EntityOneofCase.MeterEntry:
                return ReadMeters(state, filter.MeterEntry);
            case V1.Entity.EntityOneofCase.DirectMeterEntry:
                return ReadDirect(codec, filter.DirectMeterEntry.TableEntry, withCounter: false);
            case V1.Entity.EntityOneofCase.RegisterEntry:
                if (options.StrictBmv2)
                {
                    throw new UpdateError(Code.Unimplemented, "Register reads are not supported yet");
                }

                return ReadRegisters(state, filter.RegisterEntry);
            case V1.Entity.EntityOneofCase.PacketReplicationEngineEntry:
                return ReadPre(state.Replication, filter.PacketReplicationEngineEntry);
            case V1.Entity.EntityOneofCase.DigestEntry:
                return device.Digests!.Read(filter.DigestEntry.DigestId).Select(d => new V1.Entity { DigestEntry = d });
            case V1.Entity.EntityOneofCase.ValueSetEntry:
                throw new UpdateError(Code.Unimplemented, "ValueSet reads are not supported yet");
            default:
                throw new UpdateError(Code.Unknown, "Incorrect entity type");
        }
    }

    private static IEnumerable<V1.TableEntry> ReadTables(TableEntryCodec codec, V1.TableEntry filter)
    {
        IEnumerable<uint> ids = filter.TableId == 0 ? codec.State.Tables.Keys.Order() : [filter.TableId];
        var result = new List<V1.TableEntry>();
        foreach (uint id in ids)
        {
            (P4Table table, Table info) = codec.Resolve(id);
            if (filter.IsDefaultAction)
            {
                result.Add(codec.ToProto(info, table, table.DefaultEntry, filter, isDefault: true));
                continue;
            }

            if (filter.Match.Count > 0)
            {
                KeyFieldMatch[] matches = codec.ParseMatch(info, table, filter.Match);
                if (table.Find(matches, filter.Priority) is { } found)
                {
                    result.Add(codec.ToProto(info, table, found, filter, isDefault: false));
                }

                continue;
            }

            foreach (TableEntryRecord entry in table.Entries())
            {
                if (filter.Priority != 0 && entry.Priority != filter.Priority)
                {
                    continue;
                }

                result.Add(codec.ToProto(info, table, entry, filter, isDefault: false));
            }
        }

        return result;
    }

    private static IEnumerable<V1.Entity> ReadDirect(TableEntryCodec codec, V1.TableEntry? te, bool withCounter)
    {
        string what = withCounter ? "DirectCounterEntry" : "DirectMeterEntry";
        if (te is null)
        {
            throw UpdateError.Invalid($"Missing table_entry field in {what}");
        }

        var filter = new V1.TableEntry(te);
        if (withCounter)
        {
            filter.CounterData = new V1.CounterData();
        }
        else
        {
            filter.MeterConfig = new V1.MeterConfig();
        }

        IEnumerable<uint> ids = te.TableId == 0 ? codec.State.Tables.Keys.Order() : [te.TableId];
        var result = new List<V1.Entity>();
        foreach (uint id in ids)
        {
            (P4Table table, _) = codec.Resolve(id);
            if ((withCounter ? table.Spec.DirectCounterId : table.Spec.DirectMeterId) == 0)
            {
                if (te.TableId == 0)
                {
                    continue;
                }

                throw UpdateError.Invalid(withCounter ? "Table has no direct counters" : "Table has no direct meters");
            }

            filter.TableId = id;
            foreach (V1.TableEntry entry in ReadTables(codec, filter))
            {
                if (withCounter)
                {
                    V1.CounterData? data = entry.CounterData;
                    entry.CounterData = null;
                    result.Add(new V1.Entity { DirectCounterEntry = new V1.DirectCounterEntry { TableEntry = entry, Data = data } });
                }
                else
                {
                    V1.MeterConfig? config = entry.MeterConfig;
                    entry.MeterConfig = null;
                    result.Add(new V1.Entity { DirectMeterEntry = new V1.DirectMeterEntry { TableEntry = entry, Config = config } });
                }
            }
        }

        return result;
    }

    private static IEnumerable<V1.Entity> ReadCounters(SwitchState state, V1.CounterEntry filter)
    {
        IEnumerable<CounterArray> arrays = filter.CounterId == 0 ? state.Counters.Values.OrderBy(c => c.Id) : [Lookup(state.Counters, filter.CounterId, "counter")];
        foreach (CounterArray counter in arrays)
        {
            foreach (int i in Indices(filter.Index, counter.Size))
            {
                CounterCell cell = counter[i];
                var data = new V1.CounterData
                {
                    PacketCount = counter.Unit == CounterUnit.Bytes ? 0 : cell.Packets,
                    ByteCount = counter.Unit == CounterUnit.Packets ? 0 : cell.Bytes,
                };
                yield return new V1.Entity { CounterEntry = new V1.CounterEntry { CounterId = counter.Id, Index = new V1.Index { Index_ = i }, Data = data } };
            }
        }
    }

    private static IEnumerable<V1.Entity> ReadMeters(SwitchState state, V1.MeterEntry filter)
    {
        IEnumerable<MeterArray> arrays = filter.MeterId == 0 ? state.Meters.Values.OrderBy(c => c.Id) : [Lookup(state.Meters, filter.MeterId, "meter")];
        foreach (MeterArray meter in arrays)
        {
            foreach (int i in Indices(filter.Index, meter.Size))
            {
                yield return new V1.Entity { MeterEntry = new V1.MeterEntry { MeterId = meter.Id, Index = new V1.Index { Index_ = i }, Config = TableEntryCodec.ToProto(meter[i].Config) } };
            }
        }
    }

    private static IEnumerable<V1.Entity> ReadRegisters(SwitchState state, V1.RegisterEntry filter)
    {
        IEnumerable<RegisterArray> arrays = filter.RegisterId == 0 ? state.Registers.Values.OrderBy(c => c.Id) : [Lookup(state.Registers, filter.RegisterId, "register")];
        foreach (RegisterArray register in arrays)
        {
            foreach (int i in Indices(filter.Index, register.Size))
            {
                byte[] bytes = register.ReadWide((ulong)i).ToByteArray(isUnsigned: true, isBigEndian: true);
                var data = new V1.P4Data { Bitstring = ByteString.CopyFrom(bytes.Length == 0 ? [0] : bytes) };
                yield return new V1.Entity { RegisterEntry = new V1.RegisterEntry { RegisterId = register.Id, Index = new V1.Index { Index_ = i }, Data = data } };
            }
        }
    }

    private static IEnumerable<V1.Entity> ReadPre(PacketReplicationEngine pre, V1.PacketReplicationEngineEntry filter)
    {
        static V1.Replica ToProto(Replica r) => new() { Port = Themis.P4Runtime.Encoding.P4Bytes.Encode(r.EgressPort, 32), Instance = r.Instance };
        switch (filter.TypeCase)
        {
            case V1.PacketReplicationEngineEntry.TypeOneofCase.MulticastGroupEntry:
                foreach (MulticastGroup g in pre.Groups.Where(g => filter.MulticastGroupEntry.MulticastGroupId == 0 || g.GroupId == filter.MulticastGroupEntry.MulticastGroupId))
                {
                    var entry = new V1.MulticastGroupEntry { MulticastGroupId = g.GroupId, Metadata = ByteString.CopyFrom(g.Metadata) };
                    entry.Replicas.AddRange(g.Replicas.Select(ToProto));
                    yield return new V1.Entity { PacketReplicationEngineEntry = new V1.PacketReplicationEngineEntry { MulticastGroupEntry = entry } };
                }

                break;
            case V1.PacketReplicationEngineEntry.TypeOneofCase.CloneSessionEntry:
                foreach (CloneSession s in pre.Sessions.Where(s => filter.CloneSessionEntry.SessionId == 0 || s.SessionId == filter.CloneSessionEntry.SessionId))
                {
                    var entry = new V1.CloneSessionEntry { SessionId = s.SessionId, ClassOfService = s.ClassOfService, PacketLengthBytes = s.PacketLengthBytes };
                    entry.Replicas.AddRange(s.Replicas.Select(ToProto));
                    yield return new V1.Entity { PacketReplicationEngineEntry = new V1.PacketReplicationEngineEntry { CloneSessionEntry = entry } };
                }

                break;
            default:
                throw UpdateError.Invalid("Invalid PRE operation");
        }
    }

    private static T Lookup<T>(IReadOnlyDictionary<uint, T> map, uint id, string what) =>
        map.TryGetValue(id, out T? value) ? value : throw new UpdateError(Code.NotFound, $"Invalid P4 id: no {what} has id {id}.");

    private static IEnumerable<int> Indices(V1.Index? index, int size)
    {
        if (index is null)
        {
            return Enumerable.Range(0, size);
        }

        if (index.Index_ < 0)
        {
            throw UpdateError.Invalid("A negative number is not a valid index value");
        }

        if (index.Index_ >= size)
        {
            throw new UpdateError(Code.OutOfRange, $"Index {index.Index_} is out of range (size {size}).");
        }

        return [(int)index.Index_];
    }
}
