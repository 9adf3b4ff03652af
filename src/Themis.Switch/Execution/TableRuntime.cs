using System.Numerics;
using Themis.P4.Semantics;
using ActionCall = Themis.Switch.Runtime.Tables.ActionCall;
using Themis.Switch.Runtime.Externs;
using Themis.Switch.Runtime.Tables;

namespace Themis.Switch.Execution;

/// <summary>
/// A table bound to its runtime store: builds the lookup key into a reused buffer, looks it up,
/// counts/meters the hit entry, loads the action data into the action's parameter cells and runs
/// the action. <see cref="HitSlot"/> and <see cref="ActionSlot"/> (action index + 1, 0 for none)
/// hold the result for <c>hit</c>/<c>miss</c>/<c>action_run</c>.
/// </summary>
internal sealed class TableRuntime
{
    private readonly P4Table _table;
    private readonly byte[] _key;
    private readonly KeyPart[] _parts;
    private readonly ActionBinding[] _actions;
    private readonly int _lengthSlot;
    private readonly bool _meterPackets;

    public TableRuntime(P4Table table, KeyPart[] parts, ActionBinding[] actions, ActionDeclaration[] declarations, int hitSlot, int actionSlot, int lengthSlot)
    {
        _table = table;
        _key = new byte[table.Spec.KeyByteWidth];
        _parts = parts;
        _actions = actions;
        ActionIds = [.. actions.Select(a => a.Id)];
        ActionDeclarations = declarations;
        HitSlot = hitSlot;
        ActionSlot = actionSlot;
        _lengthSlot = lengthSlot;
        _meterPackets = table.Spec.DirectMeterUnit == MeterUnit.Packets;
    }

    public string Name => _table.Spec.Name;

    public uint[] ActionIds { get; }

    public ActionDeclaration[] ActionDeclarations { get; }

    public int HitSlot { get; }

    public int ActionSlot { get; }

    public int Apply(PacketState s)
    {
        byte[] key = _key;
        foreach (KeyPart part in _parts)
        {
            part.Write(s, key);
        }

        TableEntryRecord entry = _table.Lookup(key, out bool hit);
        ActionCall call = entry.Action;
        int index = -1;
        if (!P4Table.IsNoAction(call))
        {
            uint id = call.ActionId;
            uint[] ids = ActionIds;
            for (int i = 0; i < ids.Length; i++)
            {
                if (ids[i] == id)
                {
                    index = i;
                    break;
                }
            }
        }

        s.S[HitSlot] = hit ? 1UL : 0UL;
        s.S[ActionSlot] = (ulong)(index + 1);
        s.DirectMeterValid = false;
        if (hit)
        {
            int length = (int)s.S[_lengthSlot];
            entry.DirectCounter?.Count(length);
            if (entry.DirectMeter is { } meter)
            {
                s.DirectMeterColor = (ulong)meter.Execute(_meterPackets ? 1 : length);
                s.DirectMeterValid = true;
            }
        }

        if (s.Trace is { } trace)
        {
            trace.Add($"table {Name}: {(hit ? "hit" : "miss")} → {(index < 0 ? "no action" : _actions[index].Name)}");
        }

        if (index < 0)
        {
            return Flow.Next;
        }

        ActionBinding action = _actions[index];
        ReadOnlySpan<ulong> values = call.Values;
        int[] slots = action.ParamSlots;
        for (int i = 0; i < slots.Length && i < values.Length; i++)
        {
            if (slots[i] >= 0)
            {
                s.S[slots[i]] = values[i] & action.ParamMasks[i];
            }
            else
            {
                s.W[~slots[i]] = new BigInteger(call.Arguments[i], isUnsigned: true, isBigEndian: true);
            }
        }

        return action.Body(s) == Flow.Exit ? Flow.Exit : Flow.Next;
    }
}
