using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Google.Protobuf;
using P4.Config.V1;
using P4.V1;
using Themis.Cli.Connection;
using Themis.Cli.Esw;
using Themis.Cli.Formatting;
using Themis.Cli.Output;
using Themis.Cli.Registers;
using Themis.P4Runtime;
using Themis.P4Runtime.Encoding;
using Themis.P4Runtime.Info;
using P4Action = P4.Config.V1.Action;

namespace Themis.Cli.Commands;

/// <summary>
/// The guarded changes: insert, delete, reset-register, set-param. Each validates everything it can before touching the
/// switch, asks for confirmation (or --yes), then arbitrates with --election-id and writes.
/// </summary>
internal static class ChangeCommands
{
    public static Command CreateInsert(CommandRunner runner)
    {
        var table = new Argument<string>("table") { Description = "Table name." };
        var pairs = new Argument<string[]>("key=value") { Description = "Match fields, then action=NAME and its parameters, and priority=N if the table needs one.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("insert", "Insert a table entry: insert TABLE key=value... action=NAME param=value... [priority=N]. "
            + EntryArguments.Help + " Needs --election-id and confirmation (--yes).")
        {
            table, pairs,
        };
        command.SetAction((parse, ct) => runner.RunAsync("insert", parse,
            (session, _, token) => WriteEntryAsync(session, parse.GetValue(table) ?? "", parse.GetValue(pairs) ?? [], insert: true, token), ct));
        return command;
    }

    public static Command CreateDelete(CommandRunner runner)
    {
        var table = new Argument<string>("table") { Description = "Table name." };
        var pairs = new Argument<string[]>("key=value") { Description = "The entry's match fields (and priority=N if the table needs one).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("delete", "Delete a table entry by its match key: delete TABLE key=value... [priority=N]. "
            + "Needs --election-id and confirmation (--yes).")
        {
            table, pairs,
        };
        command.SetAction((parse, ct) => runner.RunAsync("delete", parse,
            (session, _, token) => WriteEntryAsync(session, parse.GetValue(table) ?? "", parse.GetValue(pairs) ?? [], insert: false, token), ct));
        return command;
    }

    public static Command CreateResetRegister(CommandRunner runner)
    {
        var name = new Argument<string>("name") { Description = "Register name." };
        var range = new Argument<string>("range") { Description = "INDEX or FROM..TO." };
        var command = new Command("reset-register", "Zero register cells FROM..TO. Uses P4Runtime RegisterEntry writes; where the switch "
            + "refuses them (BMv2) it uses the ESW's control packets (reset-slot zeroes every per-slot register of the slot). "
            + "Needs --election-id and confirmation (--yes).")
        {
            name, range,
        };
        command.SetAction((parse, ct) => runner.RunAsync("reset-register", parse,
            (session, _, token) => ResetRegisterAsync(session, parse.GetValue(name) ?? "", parse.GetValue(range) ?? "", token), ct));
        return command;
    }

    public static Command CreateSetParam(CommandRunner runner)
    {
        var name = new Argument<string>("name") { Description = $"A parameter of {EswNames.SetParams} (e.g. alpha0, beta, cnp_interval)." };
        var value = new Argument<string>("value") { Description = "The new value (decimal, 0x hex, IPv4, MAC)." };
        var command = new Command("set-param", $"Change one Themis parameter: modifies the default action of {EswNames.ParamsTable} "
            + $"({EswNames.SetParams}), keeping the other parameters. Needs --election-id and confirmation (--yes).")
        {
            name, value,
        };
        command.SetAction((parse, ct) => runner.RunAsync("set-param", parse,
            (session, _, token) => SetParamAsync(session, parse.GetValue(name) ?? "", parse.GetValue(value) ?? "", token), ct));
        return command;
    }

    private static async Task<Report> WriteEntryAsync(SwitchSession session, string tableName, string[] pairs, bool insert, CancellationToken cancellationToken)
    {
        P4InfoIndex index = await session.GetP4InfoAsync(cancellationToken).ConfigureAwait(false);
        TableEntry entry = EntryArguments.Build(index, tableName, pairs, requireAction: insert);
        Table table = index.Table(entry.TableId);
        string key = string.Join(" ", table.MatchFields.Select(f =>
            $"{EntryFormatter.ShortName(f.Name)}={EntryFormatter.FormatMatch(f, entry.Match.FirstOrDefault(m => m.FieldId == f.Id))}"));
        if (entry.Priority != 0)
        {
            key += " priority=" + entry.Priority.ToString(CultureInfo.InvariantCulture);
        }

        string description = insert
            ? $"Insert into {table.Preamble.Name}: {key} -> {EntryFormatter.FormatAction(index, entry.Action)}"
            : $"Delete from {table.Preamble.Name}: {key}";
        session.Confirm(description);
        P4RuntimeClient client = await session.GetPrimaryAsync(insert ? "insert" : "delete", cancellationToken).ConfigureAwait(false);
        try
        {
            if (insert)
            {
                await client.InsertAsync(new Entity { TableEntry = entry }, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await client.DeleteAsync(new Entity { TableEntry = entry }, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (P4RuntimeException ex)
        {
            throw SwitchErrors.FromClient(ex, insert ? "Insert" : "Delete", session.Settings);
        }

        var match = new JsonArray([.. table.MatchFields.Select(f => (JsonNode)EntryFormatter.MatchJson(f, entry.Match.FirstOrDefault(m => m.FieldId == f.Id)))]);
        var report = new Report(insert ? "insert" : "delete", new JsonObject
        {
            ["applied"] = true,
            ["table"] = table.Preamble.Name,
            ["entry"] = new JsonObject
            {
                ["match"] = match,
                ["priority"] = entry.Priority,
                ["action"] = EntryFormatter.ActionJson(index, entry.Action),
            },
        });
        report.Notes.Add((insert ? "Inserted" : "Deleted") + description[(insert ? "Insert" : "Delete").Length..] + ".");
        return report;
    }

    private static async Task<Report> ResetRegisterAsync(SwitchSession session, string name, string rangeText, CancellationToken cancellationToken)
    {
        P4InfoIndex index = await session.GetP4InfoAsync(cancellationToken).ConfigureAwait(false);
        Register register = index.Register(name);
        IndexRange range = IndexRange.Parse(rangeText, register.Size, $"Register '{register.Preamble.Name}'");
        session.Confirm(string.Create(CultureInfo.InvariantCulture, $"Reset {register.Preamble.Name}[{range.From}..{range.To}] ({range.Count} cells) to 0"));
        (string path, string? note) = await new RegisterAccess(session, index).ResetAsync(register, range.From, range.To, cancellationToken).ConfigureAwait(false);
        var report = new Report("reset-register", new JsonObject
        {
            ["applied"] = true,
            ["register"] = register.Preamble.Name,
            ["from"] = range.From,
            ["to"] = range.To,
            ["path"] = path,
            ["note"] = note,
        });
        report.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"Reset {register.Preamble.Name}[{range.From}..{range.To}] to 0 via {path}."));
        if (note is not null)
        {
            report.Notes.Add(note);
        }

        return report;
    }

    private static async Task<Report> SetParamAsync(SwitchSession session, string name, string valueText, CancellationToken cancellationToken)
    {
        P4InfoIndex index = await session.GetP4InfoAsync(cancellationToken).ConfigureAwait(false);
        Table table;
        P4Action setParams;
        try
        {
            table = index.Table(EswNames.ParamsTable);
            setParams = index.Action(EswNames.SetParams);
        }
        catch (P4InfoLookupException ex)
        {
            throw CliException.NotFound($"set-param needs the ESW program's {EswNames.ParamsTable} table: {ex.Message}", ex.Closest);
        }

        P4Action.Types.Param param = P4InfoIndex.Param(setParams, name);
        ByteString newValue = P4Value.Encode(valueText, param.Bitwidth);

        List<Entity> read = await session.ReadAsync(
            new Entity { TableEntry = new TableEntry { TableId = table.Preamble.Id, IsDefaultAction = true } },
            $"the default entry of {table.Preamble.Name}", cancellationToken).ConfigureAwait(false);
        P4.V1.Action? current = read.Select(e => e.TableEntry?.Action?.Action).FirstOrDefault(a => a is not null);
        if (current is null || current.ActionId != setParams.Preamble.Id)
        {
            throw CliException.Refused(
                $"The default entry of {table.Preamble.Name} is not a {setParams.Preamble.Name} call "
                + $"({(current is null ? "it has no action" : "it calls " + EntryFormatter.FormatAction(index, new TableAction { Action = current }))}), "
                + "so there are no other parameters to keep. Let the controller set the parameters first.");
        }

        P4.V1.Action updated = current.Clone();
        P4.V1.Action.Types.Param? slot = updated.Params.FirstOrDefault(p => p.ParamId == param.Id);
        ByteString? oldValue = slot?.Value;
        if (slot is null)
        {
            updated.Params.Add(new P4.V1.Action.Types.Param { ParamId = param.Id, Value = newValue });
        }
        else
        {
            slot.Value = newValue;
        }

        string oldText = oldValue is null ? "unset" : ValueFormatter.Format(param.Name, param.Bitwidth, oldValue);
        string newText = ValueFormatter.Format(param.Name, param.Bitwidth, newValue);
        session.Confirm($"Set {param.Name} from {oldText} to {newText} ({table.Preamble.Name} default action {setParams.Preamble.Name})");
        P4RuntimeClient client = await session.GetPrimaryAsync("set-param", cancellationToken).ConfigureAwait(false);
        try
        {
            await client.ModifyAsync(new Entity
            {
                TableEntry = new TableEntry { TableId = table.Preamble.Id, IsDefaultAction = true, Action = new TableAction { Action = updated } },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (P4RuntimeException ex)
        {
            throw SwitchErrors.FromClient(ex, "set-param", session.Settings);
        }

        var report = new Report("set-param", new JsonObject
        {
            ["applied"] = true,
            ["table"] = table.Preamble.Name,
            ["param"] = param.Name,
            ["old"] = oldValue is null ? null : ValueFormatter.Hex(oldValue, param.Bitwidth),
            ["new"] = ValueFormatter.Hex(newValue, param.Bitwidth),
            ["action"] = EntryFormatter.ActionJson(index, new TableAction { Action = updated }),
        });
        report.Notes.Add($"{param.Name}: {oldText} -> {newText}");
        report.Notes.Add("Now: " + EntryFormatter.FormatAction(index, new TableAction { Action = updated }));
        return report;
    }
}
