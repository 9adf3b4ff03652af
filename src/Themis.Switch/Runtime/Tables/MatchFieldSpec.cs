namespace Themis.Switch.Runtime.Tables;

/// <summary>One field of a table key, as the P4Info declares it.</summary>
/// <param name="Id">P4Info match field id (1-based, unique within the table).</param>
/// <param name="Name">Field name (the key's <c>@name</c>).</param>
/// <param name="BitWidth">Width in bits; values are held big-endian in <see cref="ByteWidth"/> bytes.</param>
/// <param name="Kind">Match kind.</param>
public sealed record MatchFieldSpec(uint Id, string Name, int BitWidth, MatchKind Kind)
{
    /// <summary>Bytes a value of this field occupies in a lookup key: <c>ceil(BitWidth / 8)</c>.</summary>
    public int ByteWidth => (BitWidth + 7) / 8;
}
