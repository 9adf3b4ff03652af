namespace Themis.Switch.Runtime.Tables;

/// <summary>
/// Index for tables with ternary, range or optional fields (or several LPM fields): entries sorted
/// by P4Runtime priority, highest first, ties broken by insertion order; the first match wins.
/// </summary>
internal sealed class PriorityIndex(TableSpec spec) : IEntryIndex
{
    private readonly List<TableEntryRecord> _entries = [];
    private readonly int[] _offsets = Offsets(spec);
    private readonly int[] _widths = [.. spec.Fields.Select(f => f.ByteWidth)];

    public void Add(TableEntryRecord entry)
    {
        int lo = 0;
        int hi = _entries.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (Before(_entries[mid], entry))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        _entries.Insert(lo, entry);
    }

    public void Remove(TableEntryRecord entry) => _entries.Remove(entry);

    public void Clear() => _entries.Clear();

    public TableEntryRecord? Lookup(ReadOnlySpan<byte> key)
    {
        foreach (TableEntryRecord entry in _entries)
        {
            bool all = true;
            for (int f = 0; f < _offsets.Length && all; f++)
            {
                all = entry.Matches[f].Matches(key.Slice(_offsets[f], _widths[f]));
            }

            if (all)
            {
                return entry;
            }
        }

        return null;
    }

    private static bool Before(TableEntryRecord a, TableEntryRecord b) =>
        a.Priority > b.Priority || (a.Priority == b.Priority && a.Sequence < b.Sequence);

    private static int[] Offsets(TableSpec spec)
    {
        var offsets = new int[spec.Fields.Count];
        int offset = 0;
        for (int i = 0; i < offsets.Length; i++)
        {
            offsets[i] = offset;
            offset += spec.Fields[i].ByteWidth;
        }

        return offsets;
    }
}
