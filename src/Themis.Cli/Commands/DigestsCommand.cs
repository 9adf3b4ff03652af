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

/// <summary><c>digests</c>: the program's digests, their fields and whether a controller has configured them.</summary>
internal static class DigestsCommand
{
    public static Command Create(ViewBinder binder)
    {
        var command = new Command("digests", "List the digests: id, fields, and the DigestEntry configuration a controller "
            + "installed (switches send a digest only once it is configured).");
        return binder.Bind(command, RunAsync);
    }

    private static async Task<Report> RunAsync(SwitchSession session, ParseResult parse, CancellationToken cancellationToken)
    {
        P4InfoIndex index = await session.GetP4InfoAsync(cancellationToken).ConfigureAwait(false);
        List<Entity> configured = index.P4Info.Digests.Count == 0
            ? []
            : await session.ReadAsync(new Entity { DigestEntry = new DigestEntry() }, "digest configuration", cancellationToken).ConfigureAwait(false);
        Dictionary<uint, DigestEntry> configs = configured.Where(e => e.DigestEntry is not null)
            .GroupBy(e => e.DigestEntry.DigestId).ToDictionary(g => g.Key, g => g.First().DigestEntry);

        var json = new JsonArray();
        var report = new Report("digests", new JsonObject { ["digests"] = json });
        ReportTable table = report.AddTable(new ReportTable(null, "digest", "id", "fields", "configured", "max list", "max timeout", "ack timeout"));
        foreach (Digest digest in index.P4Info.Digests.OrderBy(d => d.Preamble.Name, StringComparer.Ordinal))
        {
            List<(string Name, int Width)> fields = Fields(index.P4Info, digest);
            DigestEntry.Types.Config? config = configs.TryGetValue(digest.Preamble.Id, out DigestEntry? entry) ? entry.Config ?? new DigestEntry.Types.Config() : null;
            table.AddRow(
                digest.Preamble.Name,
                EntryFormatter.Id(digest.Preamble.Id),
                string.Join(", ", fields.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Name}:{f.Width}"))),
                config is null ? "no" : "yes",
                config is null ? "-" : config.MaxListSize.ToString(CultureInfo.InvariantCulture),
                config is null ? "-" : Nanoseconds(config.MaxTimeoutNs),
                config is null ? "-" : Nanoseconds(config.AckTimeoutNs));
            json.Add(new JsonObject
            {
                ["name"] = digest.Preamble.Name,
                ["id"] = digest.Preamble.Id,
                ["fields"] = new JsonArray([.. fields.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["bitwidth"] = f.Width })]),
                ["config"] = config is null ? null : new JsonObject
                {
                    ["maxTimeoutNs"] = config.MaxTimeoutNs,
                    ["maxListSize"] = config.MaxListSize,
                    ["ackTimeoutNs"] = config.AckTimeoutNs,
                },
            });
        }

        return report;
    }

    /// <summary>The digest's fields: the members of its struct type, or one field for a plain bit&lt;W&gt; digest.</summary>
    private static List<(string Name, int Width)> Fields(P4Info p4Info, Digest digest)
    {
        P4DataTypeSpec? spec = digest.TypeSpec;
        if (spec?.Struct is { } s && p4Info.TypeInfo?.Structs.TryGetValue(s.Name, out P4StructTypeSpec? type) == true)
        {
            return [.. type.Members.Select(m => (m.Name, m.TypeSpec?.Bitstring?.Bit?.Bitwidth ?? 0))];
        }

        return spec?.Bitstring?.Bit is { } bit ? [("value", bit.Bitwidth)] : [];
    }

    private static string Nanoseconds(long ns) => ns switch
    {
        0 => "0",
        _ when ns % 1_000_000_000 == 0 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1_000_000_000} s"),
        _ when ns % 1_000_000 == 0 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1_000_000} ms"),
        _ when ns % 1_000 == 0 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1_000} us"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{ns} ns"),
    };
}
