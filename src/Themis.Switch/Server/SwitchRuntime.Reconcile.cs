using Google.Protobuf;
using Google.Rpc;
using P4.Config.V1;
using Themis.Switch.Pipeline;
using Themis.Switch.Runtime.Externs;
using Themis.Switch.Runtime.Replication;
using Themis.Switch.Runtime.Tables;
using V1 = global::P4.V1;

namespace Themis.Switch.Server;

/// <summary>
/// RECONCILE_AND_COMMIT (P4Runtime spec: realize the new config "while preserving the forwarding
/// state"). An entity is kept when the new P4Info has one with the same id and name: its table
/// entries (with direct counter data and meter configs, and the default action if the controller
/// changed it), indirect counter and meter cells, register cells (not in strict mode, where
/// RegisterEntry is refused), digest configurations. Multicast groups and clone sessions are not
/// program entities and always stay. Entities only in the old program go; entities only in the new
/// one start empty. The kept state is written into the new pipeline through the ordinary write
/// path, so it is validated against the new P4Info (an entry's action must exist in the new table,
/// widths must agree...); the first thing that does not fit fails the request with INVALID_ARGUMENT
/// (strict mode: UNKNOWN "Error when reconciling config", as PI's device_mgr.cpp, which also replays
/// the saved state as INSERTs) and the old pipeline keeps running untouched. The change-over runs on
/// the pipeline loop between two packets with writes held off, so no count is lost.
/// </summary>
public sealed partial class SwitchRuntime
{
    /// <summary>Loads <paramref name="definition"/> keeping the state of entities it shares with the running pipeline.</summary>
    internal async Task ReconcileAsync(PipelineDefinition definition, ulong cookie, CancellationToken cancellationToken)
    {
        if (Device.Codec is null)
        {
            Commit(definition, cookie);
            return;
        }

        await Switch.RunBetweenPacketsAsync(() => Device.Exclusive(() =>
        {
            TableEntryCodec old = Device.Codec!;
            IReadOnlyList<V1.DigestEntry> digests = Digests.Read(0);
            SwitchState state = Switch.Reload(definition, next => CarryOver(old, next));
            Device.OnPipelineLoaded(state);
            Digests.Clear();
            P4Info info = definition.P4Info;
            foreach (V1.DigestEntry digest in digests.Where(d => SameEntity(old.State.Definition.P4Info.Digests.Select(x => x.Preamble), info.Digests.Select(x => x.Preamble), d.DigestId)))
            {
                Digests.Configure(state, WriteKind.Insert, digest);
            }

            Volatile.Write(ref _packetIo, new PacketIoCodec(info));
            Cookie = cookie;
            return state;
        }), cancellationToken).ConfigureAwait(false);
        LogPipelineLoaded(definition.P4Info.Tables.Count, cookie);
    }

    private void CarryOver(TableEntryCodec old, SwitchState next)
    {
        var codec = new TableEntryCodec(next);
        P4Info before = old.State.Definition.P4Info, after = next.Definition.P4Info;
        foreach ((string what, V1.Update update) in KeptState(old, next, before, after))
        {
            try
            {
                Device.ApplyTo(codec, update);
            }
            catch (UpdateError e)
            {
                throw Options.StrictBmv2
                    ? new UpdateError(Code.Unknown, "Error when reconciling config")
                    : new UpdateError(Code.InvalidArgument, $"RECONCILE_AND_COMMIT cannot keep the state of {what} in the new pipeline: {e.Message} Use VERIFY_AND_COMMIT to start from empty state.");
            }
        }
    }

    private IEnumerable<(string What, V1.Update Update)> KeptState(TableEntryCodec old, SwitchState next, P4Info before, P4Info after)
    {
        foreach (Table info in before.Tables.Where(t => SameEntity(before.Tables.Select(x => x.Preamble), after.Tables.Select(x => x.Preamble), t.Preamble.Id)))
        {
            P4Table from = old.State.Tables[info.Preamble.Id];
            P4Table to = next.Tables[info.Preamble.Id];
            string what = $"table '{info.Preamble.Name}'";
            var filter = new V1.TableEntry
            {
                CounterData = from.Spec.DirectCounterId != 0 && to.Spec.DirectCounterId != 0 ? new V1.CounterData() : null,
                MeterConfig = from.Spec.DirectMeterId != 0 && to.Spec.DirectMeterId != 0 ? new V1.MeterConfig() : null,
            };
            if (!to.Spec.ConstEntries)
            {
                foreach (TableEntryRecord entry in from.Entries())
                {
                    V1.TableEntry te = old.ToProto(info, from, entry, filter, isDefault: false);
                    if (te.MeterConfig is { } m && m.Cir == 0 && m.Pir == 0 && m.Cburst == 0 && m.Pburst == 0)
                    {
                        te.MeterConfig = null;
                    }

                    yield return (what, Update(V1.Update.Types.Type.Insert, new V1.Entity { TableEntry = te }));
                }
            }

            // A default action the controller changed is kept; one still as the old program set it gives way to the new program's.
            bool changed = !Equals(from.DefaultEntry.Action, from.Spec.InitialDefaultAction) && !P4Table.IsNoAction(from.DefaultEntry.Action);
            if (changed && !to.Spec.ConstDefaultAction)
            {
                V1.TableEntry te = old.ToProto(info, from, from.DefaultEntry, new V1.TableEntry(), isDefault: true);
                yield return ($"the default action of {what}", Update(V1.Update.Types.Type.Modify, new V1.Entity { TableEntry = te }));
            }
        }

        foreach (Counter info in before.Counters.Where(c => SameEntity(before.Counters.Select(x => x.Preamble), after.Counters.Select(x => x.Preamble), c.Preamble.Id)))
        {
            CounterArray from = old.State.Counters[info.Preamble.Id];
            int size = Math.Min(from.Size, next.Counters[info.Preamble.Id].Size);
            for (int i = 0; i < size; i++)
            {
                if (from[i].Packets != 0 || from[i].Bytes != 0)
                {
                    var data = new V1.CounterData { PacketCount = from[i].Packets, ByteCount = from[i].Bytes };
                    yield return ($"counter '{info.Preamble.Name}'", Update(V1.Update.Types.Type.Modify, new V1.Entity { CounterEntry = new V1.CounterEntry { CounterId = info.Preamble.Id, Index = new V1.Index { Index_ = i }, Data = data } }));
                }
            }
        }

        foreach (Meter info in before.Meters.Where(m => SameEntity(before.Meters.Select(x => x.Preamble), after.Meters.Select(x => x.Preamble), m.Preamble.Id)))
        {
            MeterArray from = old.State.Meters[info.Preamble.Id];
            int size = Math.Min(from.Size, next.Meters[info.Preamble.Id].Size);
            for (int i = 0; i < size; i++)
            {
                if (from[i].Config is { } config)
                {
                    yield return ($"meter '{info.Preamble.Name}'", Update(V1.Update.Types.Type.Modify, new V1.Entity { MeterEntry = new V1.MeterEntry { MeterId = info.Preamble.Id, Index = new V1.Index { Index_ = i }, Config = TableEntryCodec.ToProto(config) } }));
                }
            }
        }

        if (Options.StrictBmv2)
        {
            yield break;
        }

        foreach (Register info in before.Registers.Where(r => SameEntity(before.Registers.Select(x => x.Preamble), after.Registers.Select(x => x.Preamble), r.Preamble.Id)))
        {
            RegisterArray from = old.State.Registers[info.Preamble.Id];
            RegisterArray to = next.Registers[info.Preamble.Id];
            string what = $"register '{info.Preamble.Name}'";
            if (from.BitWidth != to.BitWidth)
            {
                throw new UpdateError(Code.InvalidArgument, $"RECONCILE_AND_COMMIT cannot keep the state of {what}: its cells are {from.BitWidth} bits in the running pipeline and {to.BitWidth} in the new one. Use VERIFY_AND_COMMIT to start from empty state.");
            }

            int size = Math.Min(from.Size, to.Size);
            for (int i = 0; i < size; i++)
            {
                System.Numerics.BigInteger value = from.ReadWide((ulong)i);
                if (!value.IsZero)
                {
                    var data = new V1.P4Data { Bitstring = ByteString.CopyFrom(value.ToByteArray(isUnsigned: true, isBigEndian: true)) };
                    yield return (what, Update(V1.Update.Types.Type.Modify, new V1.Entity { RegisterEntry = new V1.RegisterEntry { RegisterId = info.Preamble.Id, Index = new V1.Index { Index_ = i }, Data = data } }));
                }
            }
        }
    }

    private static bool SameEntity(IEnumerable<Preamble> before, IEnumerable<Preamble> after, uint id)
    {
        Preamble? a = before.FirstOrDefault(p => p.Id == id);
        Preamble? b = after.FirstOrDefault(p => p.Id == id);
        return a is not null && b is not null && a.Name == b.Name;
    }

    private static V1.Update Update(V1.Update.Types.Type type, V1.Entity entity) => new() { Type = type, Entity = entity };
}
