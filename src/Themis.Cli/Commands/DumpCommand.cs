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

/// <summary>
/// <c>dump TABLE|all</c>: the entries of a table with decoded keys, action and parameters, priority, direct
/// counters when the table has them, and the default entry (like simple_switch_CLI's table_dump).
/// </summary>
internal static class DumpCommand
{
    public static Command Create(ViewBinder binder)
    {
        var table = new Argument<string>("table") { Description = "Table name (full, alias or unambiguous short name), or 'all'." };
        var command = new Command("dump", "Show the entries of a table (or of all tables): decoded keys, action and parameters, "
            + "priority, direct counters, and the default entry. " + ValueFormatter.RulesHelp)
        {
            table,
        };
        return binder.Bind(command, (session, parse, ct) => RunAsync(session, parse.GetValue(table) ?? "", ct));
    }

    private static async Task<Report> RunAsync(SwitchSession session, string tableName, CancellationToken cancellationToken)
    {
        P4InfoIndex index = await session.GetP4InfoAsync(cancellationToken).ConfigureAwait(false);
        List<Table> tables = tableName == "all"
            ? [.. index.P4Info.Tables.OrderBy(t => t.Preamble.Name, StringComparer.Ordinal)]
            : [index.Table(tableName)];

        // One Read: entries (with direct counter data where the table has a counter) and every default entry.
        var filters = new List<Entity>();
        foreach (Table t in tables)
        {
            var filter = new TableEntry { TableId = t.Preamble.Id };
            if (index.DirectCounterOf(t) is not null)
            {
                filter.CounterData = new CounterData();
            }

            filters.Add(new Entity { TableEntry = filter });
            filters.Add(new Entity { TableEntry = new TableEntry { TableId = t.Preamble.Id, IsDefaultAction = true } });
        }

        List<Entity> entities = await session.ReadAsync(filters, tableName == "all" ? "all tables" : $"table {tables[0].Preamble.Name}", cancellationToken).ConfigureAwait(false);
        ILookup<uint, TableEntry> byTable = entities.Where(e => e.TableEntry is not null).Select(e => e.TableEntry).ToLookup(e => e.TableId);

        var json = new JsonArray();
        var report = new Report("dump", new JsonObject { ["tables"] = json });
        foreach (Table t in tables)
        {
            TableEntry[] entries = [.. byTable[t.Preamble.Id].Where(e => !e.IsDefaultAction)];
            TableEntry? defaultEntry = byTable[t.Preamble.Id].FirstOrDefault(e => e.IsDefaultAction);
            AddTable(report, json, index, t, entries, defaultEntry);
        }

        return report;
    }

    private static void AddTable(Report report, JsonArray json, P4InfoIndex index, Table t, TableEntry[] entries, TableEntry? defaultEntry)
    {
        bool priority = EntryFormatter.NeedsPriority(t);
        bool counters = index.DirectCounterOf(t) is not null;
        var columns = new List<string>();
        columns.AddRange(t.MatchFields.Select(f => EntryFormatter.ShortName(f.Name)));
        if (priority)
        {
            columns.Add("priority");
        }

        columns.Add("action");
        if (counters)
        {
            columns.Add("packets");
            columns.Add("bytes");
        }

        string defaultText = defaultEntry is null ? "none" : EntryFormatter.FormatAction(index, defaultEntry.Action);
        string title = string.Create(CultureInfo.InvariantCulture,
            $"{t.Preamble.Name} ({EntryFormatter.Id(t.Preamble.Id)}): {entries.Length} of {t.Size} entries; default: {defaultText}");
        ReportTable table = report.AddTable(new ReportTable(title, [.. columns]) { EmptyText = "(no entries)" }.AlignRight("priority", "packets", "bytes"));

        var jsonEntries = new JsonArray();
        foreach (TableEntry entry in Sort(t, entries))
        {
            var cells = new List<string>();
            var match = new JsonArray();
            foreach (MatchField field in t.MatchFields)
            {
                FieldMatch? m = entry.Match.FirstOrDefault(x => x.FieldId == field.Id);
                cells.Add(EntryFormatter.FormatMatch(field, m));
                match.Add(EntryFormatter.MatchJson(field, m));
            }

            if (priority)
            {
                cells.Add(entry.Priority.ToString(CultureInfo.InvariantCulture));
            }

            cells.Add(EntryFormatter.FormatAction(index, entry.Action));
            if (counters)
            {
                cells.Add((entry.CounterData?.PacketCount ?? 0).ToString(CultureInfo.InvariantCulture));
                cells.Add((entry.CounterData?.ByteCount ?? 0).ToString(CultureInfo.InvariantCulture));
            }

            table.AddRow([.. cells]);
            jsonEntries.Add(new JsonObject
            {
                ["match"] = match,
                ["priority"] = entry.Priority,
                ["action"] = EntryFormatter.ActionJson(index, entry.Action),
                ["counter"] = counters && entry.CounterData is { } c ? new JsonObject { ["packets"] = c.PacketCount, ["bytes"] = c.ByteCount } : null,
            });
        }

        json.Add(new JsonObject
        {
            ["name"] = t.Preamble.Name,
            ["id"] = t.Preamble.Id,
            ["size"] = t.Size,
            ["entries"] = jsonEntries,
            ["defaultEntry"] = defaultEntry is null ? null : new JsonObject { ["action"] = EntryFormatter.ActionJson(index, defaultEntry.Action) },
        });
    }

    /// <summary>Entries in a stable order: higher priority first, then by raw match bytes.</summary>
    private static IEnumerable<TableEntry> Sort(Table table, TableEntry[] entries) => entries
        .OrderByDescending(e => e.Priority)
        .ThenBy(e => string.Join("|", table.MatchFields.Select(f => SortKey(e.Match.FirstOrDefault(m => m.FieldId == f.Id), f.Bitwidth))), StringComparer.Ordinal);

    private static string SortKey(FieldMatch? m, int width) => m?.FieldMatchTypeCase switch
    {
        FieldMatch.FieldMatchTypeOneofCase.Exact => ValueFormatter.Hex(m.Exact.Value, width),
        FieldMatch.FieldMatchTypeOneofCase.Lpm => ValueFormatter.Hex(m.Lpm.Value, width) + "/" + m.Lpm.PrefixLen.ToString("d3", CultureInfo.InvariantCulture),
        FieldMatch.FieldMatchTypeOneofCase.Ternary => ValueFormatter.Hex(m.Ternary.Value, width) + ValueFormatter.Hex(m.Ternary.Mask, width),
        FieldMatch.FieldMatchTypeOneofCase.Range => ValueFormatter.Hex(m.Range.Low, width) + ValueFormatter.Hex(m.Range.High, width),
        FieldMatch.FieldMatchTypeOneofCase.Optional => ValueFormatter.Hex(m.Optional.Value, width),
        _ => "",
    };
}
