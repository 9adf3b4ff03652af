using System.Text.Json.Nodes;
using Themis.Cli.Tests.Support;

namespace Themis.Cli.Tests;

/// <summary>
/// The --json layout is an interface: every key path each command writes (arrays as []) is pinned in
/// data/golden/json-schema.txt, which docs/themisctl.md describes. A change there is a schema change.
/// </summary>
[Category("Integration")]
public sealed class JsonSchemaTests
{
    private static readonly string[][] Commands =
    [
        ["tables"], ["dump", "all"], ["registers", "alpha"], ["counters"], ["digests"], ["clone-sessions"], ["multicast-groups"],
        ["pipeline"], ["flows"], ["pairs"], ["stats", "--sample", "0.05"],
        ["insert", "port_roles", "port=5", "action=set_wan_port", "--yes", "--election-id", "5"],
        ["delete", "port_roles", "port=5", "--yes", "--election-id", "5"],
        ["reset-register", "alpha", "0..1", "--yes", "--election-id", "5"],
        ["set-param", "beta", "600", "--yes", "--election-id", "5"],
        ["dump", "no_such_table"],
    ];

    [Test]
    public async Task EveryCommand_Json_HasThePinnedKeyPaths()
    {
        await using EswSwitch sw = await EswSwitch.StartAsync();
        var lines = new List<string>();
        foreach (string[] args in Commands)
        {
            CliResult result = await Themisctl.RunAsync(sw, [.. args, "--json"]);
            JsonObject json = result.Json;
            Assert.That(json["version"]!.GetValue<int>(), Is.EqualTo(1), string.Join(" ", args));
            var paths = new SortedSet<string>(StringComparer.Ordinal);
            Collect(json, "", paths);
            lines.Add($"## {args[0]} (exit {result.ExitCode})");
            lines.AddRange(paths);
        }

        Snapshot.AssertMatches("json-schema.txt", string.Join("\n", lines) + "\n");
    }

    private static void Collect(JsonNode? node, string path, SortedSet<string> paths)
    {
        switch (node)
        {
            case JsonObject o:
                foreach ((string key, JsonNode? value) in o)
                {
                    Collect(value, path.Length == 0 ? key : $"{path}.{key}", paths);
                }

                break;
            case JsonArray a:
                paths.Add(path + "[]");
                foreach (JsonNode? item in a)
                {
                    Collect(item, path + "[]", paths);
                }

                break;
            default:
                paths.Add(path);
                break;
        }
    }
}
