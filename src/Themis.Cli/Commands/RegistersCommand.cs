using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Google.Protobuf;
using P4.Config.V1;
using Themis.Cli.Connection;
using Themis.Cli.Formatting;
using Themis.Cli.Output;
using Themis.Cli.Registers;
using Themis.P4Runtime.Info;

namespace Themis.Cli.Commands;

/// <summary>
/// <c>registers NAME [INDEX|FROM..TO]</c>: register cells, read over P4Runtime or, where the switch refuses
/// RegisterEntry reads, through the ESW's control packets.
/// </summary>
internal static class RegistersCommand
{
    public static Command Create(ViewBinder binder)
    {
        var name = new Argument<string>("name") { Description = "Register name." };
        var range = new Argument<string?>("range") { Description = "INDEX or FROM..TO (default: every cell).", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Show zero cells too when no range is given." };
        var command = new Command("registers", "Show register cells. Uses P4Runtime RegisterEntry reads; where the switch answers "
            + "UNIMPLEMENTED (BMv2, strict mode) it reads through the ESW's read-slot/read-cache control packets, which needs "
            + "--election-id (primacy). --verbose says which path was used.")
        {
            name, range, all,
        };
        return binder.Bind(command, (session, parse, ct) => RunAsync(session, parse.GetValue(name) ?? "", parse.GetValue(range), parse.GetValue(all), ct));
    }

    private static async Task<Report> RunAsync(SwitchSession session, string name, string? rangeText, bool all, CancellationToken cancellationToken)
    {
        P4InfoIndex index = await session.GetP4InfoAsync(cancellationToken).ConfigureAwait(false);
        Register register = index.Register(name);
        int width = RegisterAccess.WidthOf(register);
        if (width == 0)
        {
            throw CliException.Refused($"Register '{register.Preamble.Name}' holds a struct, not a bit<W> value; themisctl shows bit<W> registers only.");
        }

        IndexRange range = rangeText is null ? new IndexRange(0, register.Size - 1) : IndexRange.Parse(rangeText, register.Size, $"Register '{register.Preamble.Name}'");
        RegisterValues values = await new RegisterAccess(session, index)
            .ReadAsync([register], [.. range.Indices()], cancellationToken).ConfigureAwait(false);

        bool hideZeros = rangeText is null && !all;
        var cells = new JsonArray();
        int hidden = 0;
        var table = new ReportTable(
            string.Create(CultureInfo.InvariantCulture, $"{register.Preamble.Name} ({EntryFormatter.Id(register.Preamble.Id)}): bit<{width}>[{register.Size}], read via {values.Path}"),
            "index", "value", "hex") { EmptyText = "(all cells are zero)" }.AlignRight("index", "value");
        foreach (long i in range.Indices())
        {
            ByteString value = values.Get(register.Preamble.Id, i) ?? ByteString.CopyFrom(0);
            ulong? number = ValueFormatter.TryDecode(value, width);
            if (hideZeros && number == 0)
            {
                hidden++;
                continue;
            }

            table.AddRow(i.ToString(CultureInfo.InvariantCulture), ValueFormatter.Format(register.Preamble.Name, width, value), ValueFormatter.Hex(value, width));
            cells.Add(new JsonObject
            {
                ["index"] = i,
                ["value"] = number is { } n ? JsonValue.Create(n) : JsonValue.Create(ValueFormatter.Hex(value, width)),
                ["text"] = ValueFormatter.Format(register.Preamble.Name, width, value),
            });
        }

        var report = new Report("registers", new JsonObject
        {
            ["register"] = new JsonObject
            {
                ["name"] = register.Preamble.Name,
                ["id"] = register.Preamble.Id,
                ["bitwidth"] = width,
                ["size"] = register.Size,
            },
            ["path"] = values.Path,
            ["zeroCellsHidden"] = hidden,
            ["cells"] = cells,
        });
        report.AddTable(table);
        if (hidden > 0)
        {
            report.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"{hidden} zero cells not shown (--all or a range shows them)."));
        }

        return report;
    }
}
