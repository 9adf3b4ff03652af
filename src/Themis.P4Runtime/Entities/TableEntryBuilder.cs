using Google.Protobuf;
using P4.Config.V1;
using P4.V1;
using Themis.P4Runtime.Encoding;
using Themis.P4Runtime.Info;

namespace Themis.P4Runtime.Entities;

/// <summary>
/// Builds a <see cref="TableEntry"/> by name, checking every value against the P4Info as it goes:
/// <code>
/// TableEntry e = index.TableEntry("qp_field")
///     .Exact("ipv4_src", IPAddress.Parse("10.0.0.1"))
///     .Exact("dest_qp", 0x11)
///     .Action("set_local_qp", ("local_qpn", 0x22), ("slot", 3))
///     .Build();
/// </code>
/// Don't-care ternary/LPM/optional matches are omitted, as the P4Runtime specification requires
/// (§9.1.1: a wildcard match is expressed by leaving the field out).
/// </summary>
public sealed class TableEntryBuilder
{
    private readonly P4InfoIndex _index;
    private readonly Table _table;
    private readonly TableEntry _entry;
    private readonly HashSet<uint> _setFields = [];

    internal TableEntryBuilder(P4InfoIndex index, Table table, bool isDefault)
    {
        _index = index;
        _table = table;
        _entry = new TableEntry { TableId = table.Preamble.Id, IsDefaultAction = isDefault };
    }

    /// <summary>The P4Info description of the table being built.</summary>
    public Table Table => _table;

    public TableEntryBuilder Exact(string field, object value)
    {
        MatchField info = Field(field, MatchField.Types.MatchType.Exact);
        return Add(new FieldMatch { FieldId = info.Id, Exact = new FieldMatch.Types.Exact { Value = Encode(info, value) } });
    }

    public TableEntryBuilder Ternary(string field, object value, object mask)
    {
        MatchField info = Field(field, MatchField.Types.MatchType.Ternary);
        byte[] v = P4Bytes.ToFixedWidth(Encode(info, value), info.Bitwidth);
        byte[] m = P4Bytes.ToFixedWidth(Encode(info, mask), info.Bitwidth);
        bool allZeroMask = m.All(b => b == 0);
        for (int i = 0; i < v.Length; i++)
        {
            if ((v[i] & ~m[i]) != 0)
            {
                throw new P4BytesException(
                    $"Ternary match on '{info.Name}': value 0x{Convert.ToHexString(v)} has bits set outside mask 0x{Convert.ToHexString(m)}; " +
                    "P4Runtime requires masked-off bits to be zero (clear them with value & mask).");
            }
        }

        _setFields.Add(info.Id);
        if (allZeroMask)
        {
            return this; // wildcard: omitted
        }

        return Add(new FieldMatch
        {
            FieldId = info.Id,
            Ternary = new FieldMatch.Types.Ternary { Value = P4Bytes.Canonicalize(v, info.Bitwidth), Mask = P4Bytes.Canonicalize(m, info.Bitwidth) },
        });
    }

    public TableEntryBuilder Lpm(string field, object value, int prefixLength)
    {
        MatchField info = Field(field, MatchField.Types.MatchType.Lpm);
        if (prefixLength < 0 || prefixLength > info.Bitwidth)
        {
            throw new P4BytesException($"LPM match on '{info.Name}': prefix length {prefixLength} is outside 0..{info.Bitwidth}.");
        }

        byte[] v = P4Bytes.ToFixedWidth(Encode(info, value), info.Bitwidth);
        int padding = (v.Length * 8) - info.Bitwidth;
        for (int bit = padding + prefixLength; bit < v.Length * 8; bit++)
        {
            if ((v[bit / 8] & (0x80 >> (bit % 8))) != 0)
            {
                throw new P4BytesException(
                    $"LPM match on '{info.Name}': value 0x{Convert.ToHexString(v)} has bits set beyond the /{prefixLength} prefix; " +
                    "P4Runtime requires them to be zero.");
            }
        }

        _setFields.Add(info.Id);
        if (prefixLength == 0)
        {
            return this; // wildcard: omitted
        }

        return Add(new FieldMatch
        {
            FieldId = info.Id,
            Lpm = new FieldMatch.Types.LPM { Value = P4Bytes.Canonicalize(v, info.Bitwidth), PrefixLen = prefixLength },
        });
    }

    public TableEntryBuilder Range(string field, object low, object high)
    {
        MatchField info = Field(field, MatchField.Types.MatchType.Range);
        ByteString lo = Encode(info, low);
        ByteString hi = Encode(info, high);
        if (P4Bytes.DecodeBigInteger(lo, info.Bitwidth) > P4Bytes.DecodeBigInteger(hi, info.Bitwidth))
        {
            throw new P4BytesException($"Range match on '{info.Name}': low {low} is greater than high {high}.");
        }

        return Add(new FieldMatch { FieldId = info.Id, Range = new FieldMatch.Types.Range { Low = lo, High = hi } });
    }

    public TableEntryBuilder Optional(string field, object? value)
    {
        MatchField info = Field(field, MatchField.Types.MatchType.Optional);
        _setFields.Add(info.Id);
        return value is null
            ? this
            : Add(new FieldMatch { FieldId = info.Id, Optional = new FieldMatch.Types.Optional { Value = Encode(info, value) } });
    }

    /// <summary>Sets the priority (required, and &gt; 0, for tables with ternary, range or optional fields; higher wins).</summary>
    public TableEntryBuilder Priority(int priority)
    {
        if (priority <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(priority), priority, "P4Runtime priorities are positive; higher numbers win.");
        }

        _entry.Priority = priority;
        return this;
    }

    /// <summary>Sets the action and its parameters, by name.</summary>
    public TableEntryBuilder Action(string action, params (string Name, object Value)[] parameters)
    {
        P4.Config.V1.Action info = _index.Action(action);
        bool allowed = _entry.IsDefaultAction ? P4InfoIndex.IsDefaultAction(_table, info.Preamble.Id) : P4InfoIndex.IsEntryAction(_table, info.Preamble.Id);
        if (!allowed)
        {
            string[] usable = _table.ActionRefs
                .Where(r => _entry.IsDefaultAction ? r.Scope != ActionRef.Types.Scope.TableOnly : r.Scope != ActionRef.Types.Scope.DefaultOnly)
                .Select(r => _index.Action(r.Id).Preamble.Name).ToArray();
            throw new P4InfoLookupException("action", action, usable,
                $"Action '{info.Preamble.Name}' cannot be used {(_entry.IsDefaultAction ? "as the default action" : "by entries")} of table '{_table.Preamble.Name}'. Usable: {string.Join(", ", usable)}.");
        }

        var a = new P4.V1.Action { ActionId = info.Preamble.Id };
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string name, object value) in parameters)
        {
            P4.Config.V1.Action.Types.Param p = P4InfoIndex.Param(info, name);
            if (!given.Add(name))
            {
                throw new ArgumentException($"Parameter '{name}' of action '{info.Preamble.Name}' is given twice.", nameof(parameters));
            }

            ByteString encoded;
            try
            {
                encoded = P4Value.Encode(value, p.Bitwidth);
            }
            catch (P4BytesException e)
            {
                throw new P4BytesException($"Parameter '{name}' of action '{info.Preamble.Name}': {e.Message}", e);
            }

            a.Params.Add(new P4.V1.Action.Types.Param { ParamId = p.Id, Value = encoded });
        }

        string[] missing = info.Params.Where(p => !given.Contains(p.Name)).Select(p => p.Name).ToArray();
        if (missing.Length > 0)
        {
            throw new ArgumentException($"Action '{info.Preamble.Name}' needs parameter(s) {string.Join(", ", missing)}.", nameof(parameters));
        }

        _entry.Action = new TableAction { Action = a };
        return this;
    }

    /// <summary>Sets the idle timeout (the table must have been compiled with <c>support_timeout = true</c>).</summary>
    public TableEntryBuilder IdleTimeout(TimeSpan timeout)
    {
        if (_table.IdleTimeoutBehavior != Table.Types.IdleTimeoutBehavior.NotifyControl)
        {
            throw new InvalidOperationException($"Table '{_table.Preamble.Name}' does not support idle timeouts (declare it with support_timeout = true).");
        }

        _entry.IdleTimeoutNs = (long)(timeout.Ticks * 100);
        return this;
    }

    /// <summary>Sets the opaque controller metadata (cookie) stored with the entry.</summary>
    public TableEntryBuilder Metadata(ByteString metadata)
    {
        _entry.Metadata = metadata;
        return this;
    }

    /// <summary>Returns the entry after checking it is complete: exact fields present, priority as the table needs, an action.</summary>
    public TableEntry Build()
    {
        TableEntry entry = BuildMatchOnly();
        if (_entry.Action is null)
        {
            throw new InvalidOperationException($"The entry for table '{_table.Preamble.Name}' has no action; call Action(...).");
        }

        return entry;
    }

    /// <summary>Returns the entry with only its key (for deletes and reads).</summary>
    public TableEntry BuildMatchOnly()
    {
        if (!_entry.IsDefaultAction)
        {
            string[] missingExact = _table.MatchFields
                .Where(f => f.MatchType == MatchField.Types.MatchType.Exact && !_setFields.Contains(f.Id))
                .Select(f => f.Name).ToArray();
            if (missingExact.Length > 0)
            {
                throw new InvalidOperationException($"Table '{_table.Preamble.Name}' needs exact match field(s) {string.Join(", ", missingExact)}.");
            }

            bool needsPriority = _table.MatchFields.Any(f => f.MatchType is MatchField.Types.MatchType.Ternary
                or MatchField.Types.MatchType.Range or MatchField.Types.MatchType.Optional);
            if (needsPriority && _entry.Priority <= 0)
            {
                throw new InvalidOperationException($"Table '{_table.Preamble.Name}' has ternary, range or optional fields, so entries need Priority(n) with n > 0.");
            }

            if (!needsPriority && _entry.Priority != 0)
            {
                throw new InvalidOperationException($"Table '{_table.Preamble.Name}' has only exact/LPM fields; its entries take no priority.");
            }
        }

        return _entry.Clone();
    }

    private TableEntryBuilder Add(FieldMatch match)
    {
        if (_entry.IsDefaultAction)
        {
            throw new InvalidOperationException($"The default entry of table '{_table.Preamble.Name}' has no match key.");
        }

        if (_entry.Match.Any(m => m.FieldId == match.FieldId))
        {
            throw new InvalidOperationException($"Match field {P4InfoIndex.MatchField(_table, match.FieldId).Name} of table '{_table.Preamble.Name}' is set twice.");
        }

        _setFields.Add(match.FieldId);
        _entry.Match.Add(match);
        return this;
    }

    private MatchField Field(string name, MatchField.Types.MatchType expected)
    {
        MatchField info = P4InfoIndex.MatchField(_table, name);
        if (info.MatchType != expected)
        {
            throw new InvalidOperationException(
                $"Match field '{info.Name}' of table '{_table.Preamble.Name}' is {info.MatchType.ToString().ToUpperInvariant()}, not {expected.ToString().ToUpperInvariant()}.");
        }

        return info;
    }

    private static ByteString Encode(MatchField info, object value)
    {
        try
        {
            return P4Value.Encode(value, info.Bitwidth);
        }
        catch (P4BytesException e)
        {
            throw new P4BytesException($"Match field '{info.Name}': {e.Message}", e);
        }
    }
}
