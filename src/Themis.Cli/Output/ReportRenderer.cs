using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Themis.Cli.Output;

/// <summary>Writes reports as aligned tables (Spectre.Console) or as one JSON document per report.</summary>
internal sealed class ReportRenderer
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions Compact = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly TextWriter _out;
    private readonly int _width;

    public ReportRenderer(TextWriter output, int width)
    {
        _out = output;
        _width = width;
    }

    /// <summary>Human output: each table with its title, then the notes.</summary>
    public void WriteHuman(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        bool first = true;
        foreach (ReportTable table in report.Tables)
        {
            if (!first)
            {
                _out.WriteLine();
            }

            first = false;
            if (table.Title is { } title)
            {
                _out.WriteLine(title);
            }

            if (table.Rows.Count == 0)
            {
                _out.WriteLine(table.EmptyText);
                continue;
            }

            WriteTable(Build(table));
        }

        foreach (string note in report.Notes)
        {
            _out.WriteLine(note);
        }

        _out.Flush();
    }

    /// <summary>JSON output: <c>{"version":1,"command":...,"switch":...,"result":{...}}</c>.</summary>
    public void WriteJson(Report report, JsonObject context, bool compact = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        var document = new JsonObject
        {
            ["version"] = JsonSchema.Version,
            ["command"] = report.Command,
            ["switch"] = context.DeepClone(),
            ["result"] = report.Result.DeepClone(),
        };
        _out.WriteLine(document.ToJsonString(compact ? Compact : Indented));
        _out.Flush();
    }

    /// <summary>The JSON error document: <c>{"version":1,"command":...,"error":{...}}</c>.</summary>
    public void WriteJsonError(string command, CliException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var document = new JsonObject
        {
            ["version"] = JsonSchema.Version,
            ["command"] = command,
            ["error"] = new JsonObject
            {
                ["exitCode"] = error.ExitCode,
                ["kind"] = error.Kind,
                ["message"] = error.Message,
                ["suggestions"] = new JsonArray([.. error.Suggestions.Select(s => (JsonNode?)JsonValue.Create(s))]),
            },
        };
        _out.WriteLine(document.ToJsonString(Indented));
        _out.Flush();
    }

    /// <summary>Renders through Spectre.Console into a buffer, then drops the trailing padding of each line.</summary>
    private void WriteTable(Table table)
    {
        using var buffer = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(buffer),
        });
        console.Profile.Width = _width;
        console.Write(table);
        foreach (string line in buffer.ToString().Split('\n'))
        {
            string trimmed = line.TrimEnd();
            if (trimmed.Length > 0)
            {
                _out.WriteLine(trimmed);
            }
        }
    }

    private static Table Build(ReportTable source)
    {
        var table = new Table { Border = TableBorder.Simple, ShowHeaders = true };
        foreach (string column in source.Columns)
        {
            var c = new TableColumn(new Text(column)) { NoWrap = true };
            if (source.RightAligned.Contains(column))
            {
                c.RightAligned();
            }

            table.AddColumn(c);
        }

        foreach (IReadOnlyList<string> row in source.Rows)
        {
            table.AddRow(row.Select(cell => (IRenderable)new Text(cell)).ToArray());
        }

        return table;
    }
}
