using Google.Rpc;
using Table = P4.Config.V1.Table;
using Themis.Switch.Pipeline;
using Themis.Switch.Runtime.Externs;
using Themis.Switch.Runtime.Replication;
using Themis.Switch.Runtime.Tables;
using V1 = global::P4.V1;

namespace Themis.Switch.Server;

/// <summary>
/// Write batches. CONTINUE_ON_ERROR applies every update on its own. ROLLBACK_ON_ERROR (and
/// DATAPLANE_ATOMIC, which the service runs between two packets) applies the updates in order until
/// one fails, then undoes the ones already applied, newest first, so the batch is all-or-nothing
/// (P4Runtime spec, "Batch Atomicity"). Before each update the state it can change is captured as an
/// undo action: the entry slot of a table entry (the same record object comes back, keeping its
/// insertion order and counters), the cells of a counter/meter/register write, a PRE group or
/// session, a digest configuration.
/// </summary>
internal sealed partial class DeviceManager
{
    /// <summary>Code and message of updates that did not take effect because another update of the batch failed.</summary>
    private const Code NotAppliedCode = Code.Aborted;

    /// <summary>Applies a batch; one <see cref="V1.Error"/> per update, in order.</summary>
    public IReadOnlyList<V1.Error> ApplyBatch(IReadOnlyList<V1.Update> updates, bool allOrNothing)
    {
        TableEntryCodec codec = Codec ?? throw new UpdateError(Code.FailedPrecondition, "No forwarding pipeline config set for this device.");
        lock (_writeLock)
        {
            if (!allOrNothing)
            {
                return [.. updates.Select(u => ApplyOne(codec, u))];
            }

            var undo = new Stack<Action>();
            for (int i = 0; i < updates.Count; i++)
            {
                Action? restore = CaptureUndo(codec, updates[i]);
                V1.Error result = ApplyOne(codec, updates[i]);
                if (result.CanonicalCode == (int)Code.Ok)
                {
                    if (restore is not null)
                    {
                        undo.Push(restore);
                    }

                    continue;
                }

                while (undo.TryPop(out Action? step))
                {
                    step();
                }

                return [.. updates.Select((_, j) => j == i ? result : NotApplied(j < i
                    ? $"Rolled back: update {i} of this batch failed ({(Code)result.CanonicalCode}), so the whole batch was undone."
                    : $"Not attempted: update {i} of this batch failed ({(Code)result.CanonicalCode}), so the whole batch was undone."))];
            }

            return [.. updates.Select(_ => new V1.Error { CanonicalCode = (int)Code.Ok })];
        }
    }

    /// <summary>Applies one update to <paramref name="codec"/>'s state (which need not be the live one) without taking the write lock.</summary>
    internal void ApplyTo(TableEntryCodec codec, V1.Update update) => ApplyCore(codec, update);

    /// <summary>Runs <paramref name="action"/> while no write can start or be in progress.</summary>
    internal T Exclusive<T>(Func<T> action)
    {
        lock (_writeLock)
        {
            return action();
        }
    }

    private V1.Error ApplyOne(TableEntryCodec codec, V1.Update update)
    {
        try
        {
            ApplyCore(codec, update);
            return new V1.Error { CanonicalCode = (int)Code.Ok };
        }
        catch (UpdateError e)
        {
            return new V1.Error { CanonicalCode = (int)e.Code, Message = e.Message, Space = "ALL-themis-switch" };
        }
    }

    private static V1.Error NotApplied(string message) =>
        new() { CanonicalCode = (int)NotAppliedCode, Message = message, Space = "ALL-themis-switch" };

    /// <summary>
    /// How to put back what <paramref name="update"/> may change; null when it cannot change anything
    /// (it names something that does not exist, so it fails without effect).
    /// </summary>
    private Action? CaptureUndo(TableEntryCodec codec, V1.Update update)
    {
        V1.Entity? entity = update.Entity;
        try
        {
            return entity?.EntityCase switch
            {
                V1.Entity.EntityOneofCase.TableEntry => CaptureEntry(codec, entity.TableEntry),
                V1.Entity.EntityOneofCase.DirectCounterEntry => CaptureEntry(codec, entity.DirectCounterEntry.TableEntry),
                V1.Entity.EntityOneofCase.DirectMeterEntry => CaptureEntry(codec, entity.DirectMeterEntry.TableEntry),
                V1.Entity.EntityOneofCase.CounterEntry => CaptureCounter(codec.State, entity.CounterEntry),
                V1.Entity.EntityOneofCase.MeterEntry => CaptureMeter(codec.State, entity.MeterEntry),
                V1.Entity.EntityOneofCase.RegisterEntry => CaptureRegister(codec.State, entity.RegisterEntry),
                V1.Entity.EntityOneofCase.PacketReplicationEngineEntry => CapturePre(entity.PacketReplicationEngineEntry),
                V1.Entity.EntityOneofCase.DigestEntry => CaptureDigest(codec.State, entity.DigestEntry.DigestId),
                _ => null,
            };
        }
        catch (UpdateError)
        {
            // The update names something invalid; applying it fails the same way and changes nothing.
            return null;
        }
    }

    private static Action? CaptureEntry(TableEntryCodec codec, V1.TableEntry? te)
    {
        if (te is null)
        {
            return null;
        }

        (P4Table table, Table info) = codec.Resolve(te.TableId);
        if (te.IsDefaultAction)
        {
            var saved = new TableEntrySnapshot(table.DefaultEntry);
            return () => table.RestoreDefault(saved);
        }

        KeyFieldMatch[] matches = codec.ParseMatch(info, table, te.Match);
        int priority = codec.CheckPriority(info, table, te.Priority);
        TableEntryRecord? previous = table.Find(matches, priority);
        TableEntrySnapshot? snapshot = previous is null ? null : new TableEntrySnapshot(previous);
        return () => table.Restore(matches, priority, previous, snapshot);
    }

    private static Action? CaptureCounter(SwitchState state, V1.CounterEntry ce)
    {
        if (!state.Counters.TryGetValue(ce.CounterId, out CounterArray? counter))
        {
            return null;
        }

        (int Index, long Packets, long Bytes)[] saved = [.. Cells(ce.Index, counter.Size).Select(i => (i, counter[i].Packets, counter[i].Bytes))];
        return () =>
        {
            foreach ((int index, long packets, long bytes) in saved)
            {
                counter[index].Set(packets, bytes);
            }
        };
    }

    private static Action? CaptureMeter(SwitchState state, V1.MeterEntry me)
    {
        if (!state.Meters.TryGetValue(me.MeterId, out MeterArray? meter))
        {
            return null;
        }

        (int Index, MeterConfig? Config)[] saved = [.. Cells(me.Index, meter.Size).Select(i => (i, meter[i].Config))];
        return () =>
        {
            foreach ((int index, MeterConfig? config) in saved)
            {
                if (config is null)
                {
                    meter[index].Reset();
                }
                else
                {
                    meter[index].TryConfigure(config);
                }
            }
        };
    }

    private static Action? CaptureRegister(SwitchState state, V1.RegisterEntry re)
    {
        if (!state.Registers.TryGetValue(re.RegisterId, out RegisterArray? register))
        {
            return null;
        }

        (int Index, System.Numerics.BigInteger Value)[] saved = [.. Cells(re.Index, register.Size).Select(i => (i, register.ReadWide((ulong)i)))];
        return () =>
        {
            foreach ((int index, System.Numerics.BigInteger value) in saved)
            {
                register.WriteWide((ulong)index, value);
            }
        };
    }

    private Action? CapturePre(V1.PacketReplicationEngineEntry pre)
    {
        PacketReplicationEngine replication = sw.Replication;
        switch (pre.TypeCase)
        {
            case V1.PacketReplicationEngineEntry.TypeOneofCase.MulticastGroupEntry:
            {
                uint id = pre.MulticastGroupEntry.MulticastGroupId;
                MulticastGroup? before = replication.TryGetGroup(id, out MulticastGroup g) ? g : null;
                return () =>
                {
                    replication.WriteGroup(WriteKind.Delete, new MulticastGroup(id, [], []));
                    if (before is not null)
                    {
                        replication.WriteGroup(WriteKind.Insert, before);
                    }
                };
            }

            case V1.PacketReplicationEngineEntry.TypeOneofCase.CloneSessionEntry:
            {
                uint id = pre.CloneSessionEntry.SessionId;
                CloneSession? before = replication.TryGetSession(id, out CloneSession s) ? s : null;
                return () =>
                {
                    replication.WriteSession(WriteKind.Delete, new CloneSession(id, [], 0, 0));
                    if (before is not null)
                    {
                        replication.WriteSession(WriteKind.Insert, before);
                    }
                };
            }

            default:
                return null;
        }
    }

    private Action? CaptureDigest(SwitchState state, uint digestId)
    {
        DigestManager? digests = Digests;
        if (digests is null || digestId == 0)
        {
            return null;
        }

        V1.DigestEntry? before = digests.Read(digestId).FirstOrDefault();
        return () =>
        {
            bool configured = digests.Read(digestId).Count > 0;
            if (before is null)
            {
                if (configured)
                {
                    digests.Configure(state, WriteKind.Delete, new V1.DigestEntry { DigestId = digestId });
                }

                return;
            }

            digests.Configure(state, configured ? WriteKind.Modify : WriteKind.Insert, before);
        };
    }

    // The cells an indexed write touches: one index, or all of them for a wildcard; an invalid index touches none.
    private static IEnumerable<int> Cells(V1.Index? index, int size) =>
        index is null ? Enumerable.Range(0, size)
        : index.Index_ >= 0 && index.Index_ < size ? [(int)index.Index_]
        : [];
}
