using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using P4.Config.V1;
using P4.V1;
using Themis.Cli.Connection;
using Themis.Cli.Formatting;
using Themis.Cli.Output;
using Themis.P4Runtime.Info;

namespace Themis.Cli.Commands;

/// <summary><c>tables</c>: every table with its id, match fields, size and occupancy (from one wildcard read).</summary>
internal static class TablesCommand
{
    public static Command Create(ViewBinder binder)
    {
        var command = new Command("tables", "List the tables: name, id, match fields (name:kind/width), size and entries installed.");
        return binder.Bind(command, RunAsync);
    }

    private static async Task<Report> RunAsync(SwitchSession session, ParseResult parse, CancellationToken cancellationToken)
    {
        P4InfoIndex index = await session.GetP4InfoAsync(cancellationToken).ConfigureAwait(false);
        List<Entity> entries = await session.ReadAsync(new Entity { TableEntry = new TableEntry() }, "table entries", cancellationToken).ConfigureAwait(false);
        Dictionary<uint, int> occupancy = entries.Where(e => e.TableEntry is not null)
            .GroupBy(e => e.TableEntry.TableId).ToDictionary(g => g.Key, g => g.Count());

        var json = new JsonArray();
        var report = new Report("tables", new JsonObject { ["tables"] = json });
        ReportTable table = report.AddTable(new ReportTable(null, "table", "id", "match fields", "size", "entries").AlignRight("size", "entries"));
        foreach (Table t in index.P4Info.Tables.OrderBy(t => t.Preamble.Name, StringComparer.Ordinal))
        {
            int count = occupancy.GetValueOrDefault(t.Preamble.Id);
            string fields = t.MatchFields.Count == 0
                ? "(keyless)"
                : string.Join(", ", t.MatchFields.Select(f => $"{EntryFormatter.ShortName(f.Name)}:{EntryFormatter.MatchKind(f)}/{f.Bitwidth}"));
            table.AddRow(t.Preamble.Name, EntryFormatter.Id(t.Preamble.Id), fields, t.Size.ToString(CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture));
            json.Add(new JsonObject
            {
                ["name"] = t.Preamble.Name,
                ["id"] = t.Preamble.Id,
                ["matchFields"] = new JsonArray([.. t.MatchFields.Select(f => (JsonNode)new JsonObject
                {
                    ["name"] = EntryFormatter.ShortName(f.Name),
                    ["id"] = f.Id,
                    ["matchType"] = EntryFormatter.MatchKind(f),
                    ["bitwidth"] = f.Bitwidth,
                })]),
                ["size"] = t.Size,
                ["entries"] = count,
            });
        }

        return report;
    }
}
