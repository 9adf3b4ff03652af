using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using P4.Config.V1;
using P4.V1;
using Themis.Cli.Connection;
using Themis.Cli.Esw;
using Themis.Cli.Formatting;
using Themis.Cli.Output;
using Themis.P4Runtime.Info;

namespace Themis.Cli.Commands;

/// <summary><c>counters [NAME]</c>: indirect counter cells (packets and bytes); ESW event indices are named.</summary>
internal static class CountersCommand
{
    public static Command Create(ViewBinder binder)
    {
        var name = new Argument<string?>("name") { Description = "Counter name (default: every counter).", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Show cells that are zero too." };
        var command = new Command("counters", "Show indirect counter cells (non-zero ones unless --all). The cells of the ESW's "
            + $"{EswNames.EventsCounter} are named after the decision they count.")
        {
            name, all,
        };
        return binder.Bind(command, (session, parse, ct) => RunAsync(session, parse.GetValue(name), parse.GetValue(all), ct));
    }

    private static async Task<Report> RunAsync(SwitchSession session, string? name, bool all, CancellationToken cancellationToken)
    {
        P4InfoIndex index = await session.GetP4InfoAsync(cancellationToken).ConfigureAwait(false);
        List<Counter> counters = name is null
            ? [.. index.P4Info.Counters.OrderBy(c => c.Preamble.Name, StringComparer.Ordinal)]
            : [index.Counter(name)];
        List<Entity> entities = await session.ReadAsync(
            counters.Select(c => new Entity { CounterEntry = new CounterEntry { CounterId = c.Preamble.Id } }), "counters", cancellationToken).ConfigureAwait(false);
        ILookup<uint, CounterEntry> byCounter = entities.Where(e => e.CounterEntry is not null).Select(e => e.CounterEntry).ToLookup(e => e.CounterId);

        var json = new JsonArray();
        var report = new Report("counters", new JsonObject { ["counters"] = json });
        if (counters.Count == 0)
        {
            report.Notes.Add("The pipeline has no indirect counters.");
        }

        foreach (Counter counter in counters)
        {
            bool events = IsEvents(counter);
            string unit = Unit(counter);
            var columns = new List<string> { "index" };
            if (events)
            {
                columns.Add("event");
            }

            columns.AddRange(["packets", "bytes"]);
            ReportTable table = report.AddTable(new ReportTable(
                string.Create(CultureInfo.InvariantCulture, $"{counter.Preamble.Name} ({EntryFormatter.Id(counter.Preamble.Id)}): {counter.Size} cells, {unit}"),
                [.. columns]) { EmptyText = "(all cells are zero)" }.AlignRight("index", "packets", "bytes"));
            var cells = new JsonArray();
            int hidden = 0;
            foreach (CounterEntry cell in byCounter[counter.Preamble.Id].OrderBy(c => c.Index?.Index_ ?? 0))
            {
                long i = cell.Index?.Index_ ?? 0;
                long packets = cell.Data?.PacketCount ?? 0, bytes = cell.Data?.ByteCount ?? 0;
                if (!all && packets == 0 && bytes == 0)
                {
                    hidden++;
                    continue;
                }

                var row = new List<string> { i.ToString(CultureInfo.InvariantCulture) };
                if (events)
                {
                    row.Add(EswNames.EventName(i));
                }

                row.Add(packets.ToString(CultureInfo.InvariantCulture));
                row.Add(bytes.ToString(CultureInfo.InvariantCulture));
                table.AddRow([.. row]);
                var jsonCell = new JsonObject { ["index"] = i, ["packets"] = packets, ["bytes"] = bytes };
                if (events)
                {
                    jsonCell["event"] = EswNames.EventName(i);
                }

                cells.Add(jsonCell);
            }

            json.Add(new JsonObject
            {
                ["name"] = counter.Preamble.Name,
                ["id"] = counter.Preamble.Id,
                ["unit"] = unit,
                ["size"] = counter.Size,
                ["zeroCellsHidden"] = hidden,
                ["cells"] = cells,
            });
        }

        return report;
    }

    public static bool IsEvents(Counter counter) =>
        counter.Preamble.Name == EswNames.EventsCounter || counter.Preamble.Name.EndsWith("." + EswNames.EventsCounter, StringComparison.Ordinal);

    private static string Unit(Counter counter) => counter.Spec?.Unit switch
    {
        CounterSpec.Types.Unit.Packets => "packets",
        CounterSpec.Types.Unit.Bytes => "bytes",
        CounterSpec.Types.Unit.Both => "packets and bytes",
        _ => "unspecified",
    };
}
