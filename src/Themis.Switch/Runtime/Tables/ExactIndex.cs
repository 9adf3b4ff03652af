namespace Themis.Switch.Runtime.Tables;

/// <summary>Hash index for tables whose fields are all exact: one probe per lookup.</summary>
internal sealed class ExactIndex : IEntryIndex
{
    private readonly Dictionary<byte[], TableEntryRecord> _entries = new(ByteArrayComparer.Instance);
    private readonly Dictionary<byte[], TableEntryRecord>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    public ExactIndex()
    {
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public void Add(TableEntryRecord entry) => _entries[KeyOf(entry)] = entry;

    public void Remove(TableEntryRecord entry) => _entries.Remove(KeyOf(entry));

    public void Clear() => _entries.Clear();

    public TableEntryRecord? Lookup(ReadOnlySpan<byte> key) => _lookup.TryGetValue(key, out TableEntryRecord? entry) ? entry : null;

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
