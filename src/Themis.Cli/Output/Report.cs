using System.Text.Json.Nodes;

namespace Themis.Cli.Output;

/// <summary>
/// What a command produced, in both forms: tables and notes for people, and the <c>result</c> object of the
/// JSON document for scripts (schema in docs/themisctl.md).
/// </summary>
internal sealed class Report
{
    public Report(string command, JsonObject result)
    {
        Command = command;
        Result = result;
    }

    public string Command { get; }

    public JsonObject Result { get; }

    public List<ReportTable> Tables { get; } = [];

    /// <summary>Lines printed after the tables (human output only; JSON carries the same facts as fields).</summary>
    public List<string> Notes { get; } = [];

    public ReportTable AddTable(ReportTable table)
    {
        Tables.Add(table);
        return table;
    }
}
