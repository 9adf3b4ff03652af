namespace Themis.Cli.Output;

/// <summary>One aligned table of the human output.</summary>
internal sealed class ReportTable
{
    private readonly List<IReadOnlyList<string>> _rows = [];

    public ReportTable(string? title, params string[] columns)
    {
        Title = title;
        Columns = columns;
    }

    /// <summary>Printed above the table; null for none.</summary>
    public string? Title { get; }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<IReadOnlyList<string>> Rows => _rows;

    /// <summary>Printed instead of an empty table.</summary>
    public string EmptyText { get; init; } = "(none)";

    /// <summary>Columns whose cells are right-aligned (numbers).</summary>
    public ISet<string> RightAligned { get; } = new HashSet<string>(StringComparer.Ordinal);

    public ReportTable AlignRight(params string[] columns)
    {
        foreach (string c in columns)
        {
            RightAligned.Add(c);
        }

        return this;
    }

    public void AddRow(params string[] cells)
    {
        if (cells.Length != Columns.Count)
        {
            throw new ArgumentException($"A row of {cells.Length} cells for a table of {Columns.Count} columns.", nameof(cells));
        }

        _rows.Add(cells);
    }
}
