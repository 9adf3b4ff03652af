namespace Themis.Switch.Runtime.Tables;

/// <summary>A lookup structure over a table's entries.</summary>
internal interface IEntryIndex
{
    void Add(TableEntryRecord entry);

    void Remove(TableEntryRecord entry);

    void Clear();

    TableEntryRecord? Lookup(ReadOnlySpan<byte> key);
}
