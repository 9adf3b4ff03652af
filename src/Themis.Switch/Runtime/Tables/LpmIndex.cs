namespace Themis.Switch.Runtime.Tables;

/// <summary>
/// Index for tables with one LPM field and otherwise exact fields: one hash map per prefix length
/// in use, probed from the longest length down, so a lookup costs at most (lengths in use) probes.
/// </summary>
internal sealed class LpmIndex : IEntryIndex
{
    private readonly int _offset;
    private readonly int _width;
    private readonly int _bitWidth;
    private readonly Dictionary<int, Dictionary<byte[], TableEntryRecord>> _byLength = [];
    private readonly Dictionary<int, byte[]> _masks = [];
    private Level[] _levels = [];

    public LpmIndex(TableSpec spec)
    {
        int offset = 0;
        foreach (MatchFieldSpec field in spec.Fields)
        {
            if (field.Kind == MatchKind.Lpm)
            {
                _offset = offset;
                _width = field.ByteWidth;
                _bitWidth = field.BitWidth;
            }

            offset += field.ByteWidth;
        }
    }

    public void Add(TableEntryRecord entry)
    {
        int length = PrefixOf(entry);
        if (!_byLength.TryGetValue(length, out Dictionary<byte[], TableEntryRecord>? map))
        {
            map = new Dictionary<byte[], TableEntryRecord>(ByteArrayComparer.Instance);
            _byLength[length] = map;
            _masks[length] = KeyFieldMatch.Lpm(new byte[_width], length, _bitWidth).Mask;
            RebuildLevels();
        }

        map[KeyOf(entry)] = entry;
    }

    public void Remove(TableEntryRecord entry)
    {
        int length = PrefixOf(entry);
        if (_byLength.TryGetValue(length, out Dictionary<byte[], TableEntryRecord>? map) && map.Remove(KeyOf(entry)) && map.Count == 0)
        {
            _byLength.Remove(length);
            RebuildLevels();
        }
    }

    public void Clear()
    {
        _byLength.Clear();
        _levels = [];
    }

    public TableEntryRecord? Lookup(ReadOnlySpan<byte> key)
    {
        Span<byte> probe = key.Length <= 256 ? stackalloc byte[key.Length] : new byte[key.Length];
        key.CopyTo(probe);
        Span<byte> field = probe.Slice(_offset, _width);
        ReadOnlySpan<byte> original = key.Slice(_offset, _width);
        foreach (Level level in _levels)
        {
            byte[] mask = level.Mask;
            for (int i = 0; i < field.Length; i++)
            {
                field[i] = (byte)(original[i] & mask[i]);
            }

            if (level.Entries.TryGetValue(probe, out TableEntryRecord? entry))
            {
                return entry;
            }
        }

        return null;
    }

    // The prefix lengths in use, longest first, each with its mask and a span lookup (no per-probe dictionary lookups).
    private void RebuildLevels() =>
        _levels = [.. _byLength.Keys.OrderDescending().Select(l => new Level(_masks[l], _byLength[l].GetAlternateLookup<ReadOnlySpan<byte>>()))];

    private sealed record Level(byte[] Mask, Dictionary<byte[], TableEntryRecord>.AlternateLookup<ReadOnlySpan<byte>> Entries);

    private static int PrefixOf(TableEntryRecord entry)
    {
        foreach (KeyFieldMatch match in entry.Matches)
        {
            if (match.Kind == MatchKind.Lpm)
            {
                return match.PrefixLength;
            }
        }

        return 0;
    }

    private static byte[] KeyOf(TableEntryRecord entry)
    {
        var key = new List<byte>();
        foreach (KeyFieldMatch match in entry.Matches)
        {
            key.AddRange(match.Value);
        }

        return [.. key];
    }
}
