using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using P4.Config.V1;
using P4.V1;
using Themis.Cli.Connection;
using Themis.Cli.Esw;
using Themis.Cli.Output;
using Themis.P4Runtime.Info;

namespace Themis.Cli.Commands;

/// <summary><c>stats</c>: the ESW's decision counters with per-second rates from two reads --sample seconds apart.</summary>
internal static class StatsCommand
{
    public static Command Create(ViewBinder binder)
    {
        var sample = new Option<double>("--sample") { Description = "Seconds between the two reads the rates come from.", DefaultValueFactory = _ => 1.0 };
        var all = new Option<bool>("--all") { Description = "Show events that never happened too." };
        var command = new Command("stats", $"Show the Themis decision counters ({EswNames.EventsCounter}) with packet rates computed from two reads.")
        {
            sample, all,
        };
        return binder.Bind(command, (session, parse, ct) => RunAsync(session, parse.GetValue(sample), parse.GetValue(all), ct));
    }

    private static async Task<Report> RunAsync(SwitchSession session, double sampleSeconds, bool all, CancellationToken cancellationToken)
    {
        if (!(sampleSeconds > 0) || sampleSeconds > 3600)
        {
            throw CliException.Usage("--sample must be a number of seconds above 0 (at most 3600).");
        }

        P4InfoIndex index = await session.GetP4InfoAsync(cancellationToken).ConfigureAwait(false);
        Counter counter;
        try
        {
            counter = index.Counter(EswNames.EventsCounter);
        }
        catch (P4InfoLookupException ex)
        {
            throw CliException.NotFound($"stats needs the ESW's {EswNames.EventsCounter} counter: {ex.Message} ('counters' shows any program's counters.)", ex.Closest);
        }

        TimeProvider time = session.Environment.Time;
        var filter = new Entity { CounterEntry = new CounterEntry { CounterId = counter.Preamble.Id } };
        long started = time.GetTimestamp();
        Dictionary<long, CounterData> first = Cells(await session.ReadAsync(filter, counter.Preamble.Name, cancellationToken).ConfigureAwait(false));
        await Task.Delay(TimeSpan.FromSeconds(sampleSeconds), time, cancellationToken).ConfigureAwait(false);
        Dictionary<long, CounterData> second = Cells(await session.ReadAsync(filter, counter.Preamble.Name, cancellationToken).ConfigureAwait(false));
        double elapsed = time.GetElapsedTime(started).TotalSeconds;

        var json = new JsonArray();
        var report = new Report("stats", new JsonObject
        {
            ["counter"] = counter.Preamble.Name,
            ["intervalSeconds"] = Math.Round(elapsed, 6),
            ["events"] = json,
        });
        ReportTable table = report.AddTable(new ReportTable(null, "event", "index", "packets", "packets/s", "bytes") { EmptyText = "(no events counted yet)" }
            .AlignRight("index", "packets", "packets/s", "bytes"));
        foreach (long i in second.Keys.Order())
        {
            CounterData now = second[i];
            CounterData before = first.GetValueOrDefault(i) ?? new CounterData();
            if (!all && now.PacketCount == 0 && now.ByteCount == 0)
            {
                continue;
            }

            // A counter that went down was reset in between; its rate since the reset is unknown.
            double? rate = now.PacketCount >= before.PacketCount && elapsed > 0 ? (now.PacketCount - before.PacketCount) / elapsed : null;
            table.AddRow(
                EswNames.EventName(i),
                i.ToString(CultureInfo.InvariantCulture),
                now.PacketCount.ToString(CultureInfo.InvariantCulture),
                rate is { } r ? r.ToString("0.0", CultureInfo.InvariantCulture) : "reset",
                now.ByteCount.ToString(CultureInfo.InvariantCulture));
            json.Add(new JsonObject
            {
                ["event"] = EswNames.EventName(i),
                ["index"] = i,
                ["packets"] = now.PacketCount,
                ["bytes"] = now.ByteCount,
                ["packetsPerSecond"] = rate is { } x ? Math.Round(x, 3) : null,
            });
        }

        report.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"Rates over {elapsed:0.00} s."));
        return report;
    }

    private static Dictionary<long, CounterData> Cells(List<Entity> entities) => entities
        .Where(e => e.CounterEntry is not null)
        .GroupBy(e => e.CounterEntry.Index?.Index_ ?? 0)
        .ToDictionary(g => g.Key, g => g.First().CounterEntry.Data ?? new CounterData());
}
