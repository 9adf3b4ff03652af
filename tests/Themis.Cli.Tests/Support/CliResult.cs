using System.Text.Json.Nodes;

namespace Themis.Cli.Tests.Support;

/// <summary>What one themisctl run printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>The --json document on stdout.</summary>
    public JsonObject Json => JsonNode.Parse(Output) as JsonObject ?? throw new AssertionException($"stdout is not a JSON object:\n{Output}");

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}
