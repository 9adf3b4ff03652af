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

/// <summary><c>pipeline</c>: program name and architecture, cookie, and the id of every P4Info object.</summary>
internal static class PipelineCommand
{
    public static Command Create(ViewBinder binder)
    {
        var command = new Command("pipeline", "Show the loaded program: name, architecture, version, cookie, and the id of every "
            + "table, action, counter, meter, register, digest and controller header.");
        return binder.Bind(command, RunAsync);
    }

    private static async Task<Report> RunAsync(SwitchSession session, ParseResult parse, CancellationToken cancellationToken)
    {
        P4InfoIndex index = await session.GetP4InfoAsync(cancellationToken).ConfigureAwait(false);
        ForwardingPipelineConfig config = await session.GetPipelineConfigAsync(cancellationToken).ConfigureAwait(false);
        P4Info p4 = index.P4Info;
        PkgInfo pkg = p4.PkgInfo ?? new PkgInfo();
        ulong? cookie = config.Cookie?.Cookie_;

        var objects = new List<(string Kind, string JsonKey, Preamble Preamble, string Detail)>();
        objects.AddRange(p4.Tables.Select(t => ("table", "tables", t.Preamble, Size(t.Size))));
        objects.AddRange(p4.Actions.Select(a => ("action", "actions", a.Preamble,
            string.Join(", ", a.Params.Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.Name}:{x.Bitwidth}"))))));
        objects.AddRange(p4.ActionProfiles.Select(a => ("action profile", "actionProfiles", a.Preamble, Size(a.Size))));
        objects.AddRange(p4.Counters.Select(c => ("counter", "counters", c.Preamble, Size(c.Size))));
        objects.AddRange(p4.DirectCounters.Select(c => ("direct counter", "directCounters", c.Preamble, "table " + EntryFormatter.Id(c.DirectTableId))));
        objects.AddRange(p4.Meters.Select(m => ("meter", "meters", m.Preamble, Size(m.Size))));
        objects.AddRange(p4.DirectMeters.Select(m => ("direct meter", "directMeters", m.Preamble, "table " + EntryFormatter.Id(m.DirectTableId))));
        objects.AddRange(p4.Registers.Select(r => ("register", "registers", r.Preamble,
            string.Create(CultureInfo.InvariantCulture, $"bit<{r.TypeSpec?.Bitstring?.Bit?.Bitwidth ?? 0}>[{r.Size}]"))));
        objects.AddRange(p4.Digests.Select(d => ("digest", "digests", d.Preamble, "")));
        objects.AddRange(p4.ValueSets.Select(v => ("value set", "valueSets", v.Preamble, Size(v.Size))));
        objects.AddRange(p4.ControllerPacketMetadata.Select(c => ("controller header", "controllerHeaders", c.Preamble,
            string.Join(", ", c.Metadata.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Name}:{m.Bitwidth}"))))));

        var result = new JsonObject
        {
            ["name"] = pkg.Name,
            ["arch"] = pkg.Arch,
            ["version"] = pkg.Version,
            ["cookie"] = cookie,
            ["p4infoSource"] = session.Settings.P4InfoPath is null ? "switch" : "file",
        };
        foreach (string key in new[] { "tables", "actions", "actionProfiles", "counters", "directCounters", "meters", "directMeters", "registers", "digests", "valueSets", "controllerHeaders" })
        {
            result[key] = new JsonArray([.. objects.Where(o => o.JsonKey == key).OrderBy(o => o.Preamble.Id)
                .Select(o => (JsonNode)new JsonObject { ["name"] = o.Preamble.Name, ["id"] = o.Preamble.Id })]);
        }

        var report = new Report("pipeline", result);
        ReportTable summary = report.AddTable(new ReportTable(null, "program", "arch", "version", "cookie"));
        summary.AddRow(
            pkg.Name.Length == 0 ? "(unnamed)" : pkg.Name,
            pkg.Arch.Length == 0 ? "-" : pkg.Arch,
            pkg.Version.Length == 0 ? "-" : pkg.Version,
            cookie is { } c ? "0x" + c.ToString("x16", CultureInfo.InvariantCulture) : "none");
        ReportTable ids = report.AddTable(new ReportTable(null, "kind", "name", "id", "details"));
        foreach ((string kind, _, Preamble preamble, string detail) in objects.OrderBy(o => o.Preamble.Id))
        {
            ids.AddRow(kind, preamble.Name, EntryFormatter.Id(preamble.Id), detail);
        }

        return report;
    }

    private static string Size(long size) => "size " + size.ToString(CultureInfo.InvariantCulture);
}
