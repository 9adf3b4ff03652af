namespace Themis.Switch.Execution;

/// <summary>
/// The shape of a <see cref="PacketState"/>: array sizes, the header region (cells [0, HeaderEnd) of each
/// array hold the parsed headers, which replicas keep), and the cells each <c>@field_list</c> preserves.
/// </summary>
internal sealed class StateLayout
{
    public required int Narrow { get; init; }

    public required int Wide { get; init; }

    public required IReadOnlyList<int> VarbitBytes { get; init; }

    public required int HeaderNarrowEnd { get; init; }

    public required int HeaderWideEnd { get; init; }

    public required int HeaderVarbitEnd { get; init; }

    /// <summary>Per field list index: the narrow, wide and varbit cells it preserves.</summary>
    public required IReadOnlyDictionary<int, (int[] Narrow, int[] Wide, int[] Varbit)> FieldLists { get; init; }
}
