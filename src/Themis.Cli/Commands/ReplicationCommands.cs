using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using P4.V1;
using Themis.Cli.Connection;
using Themis.Cli.Output;
using Themis.P4Runtime.Entities;

namespace Themis.Cli.Commands;

/// <summary><c>clone-sessions</c> and <c>multicast-groups</c>: the packet replication engine's state.</summary>
internal static class ReplicationCommands
{
    public static Command CreateCloneSessions(ViewBinder binder)
    {
        var command = new Command("clone-sessions", "List clone sessions: id, replicas (port/instance), class of service, truncation.");
        return binder.Bind(command, CloneSessionsAsync);
    }

    public static Command CreateMulticastGroups(ViewBinder binder)
    {
        var command = new Command("multicast-groups", "List multicast groups and their replicas (port/instance).");
        return binder.Bind(command, MulticastGroupsAsync);
    }

    private static async Task<Report> CloneSessionsAsync(SwitchSession session, ParseResult parse, CancellationToken cancellationToken)
    {
        List<Entity> entities = await session.ReadAsync(
            new Entity { PacketReplicationEngineEntry = new PacketReplicationEngineEntry { CloneSessionEntry = new CloneSessionEntry() } },
            "clone sessions", cancellationToken).ConfigureAwait(false);
        var json = new JsonArray();
        var report = new Report("clone-sessions", new JsonObject { ["cloneSessions"] = json });
        ReportTable table = report.AddTable(new ReportTable(null, "session", "replicas", "class of service", "truncate to")
            .AlignRight("session", "class of service", "truncate to"));
        foreach (CloneSessionEntry s in entities.Select(e => e.PacketReplicationEngineEntry?.CloneSessionEntry).OfType<CloneSessionEntry>().OrderBy(s => s.SessionId))
        {
            table.AddRow(
                s.SessionId.ToString(CultureInfo.InvariantCulture),
                Replicas(s.Replicas),
                s.ClassOfService.ToString(CultureInfo.InvariantCulture),
                s.PacketLengthBytes == 0 ? "-" : s.PacketLengthBytes.ToString(CultureInfo.InvariantCulture));
            json.Add(new JsonObject
            {
                ["id"] = s.SessionId,
                ["replicas"] = ReplicasJson(s.Replicas),
                ["classOfService"] = s.ClassOfService,
                ["packetLengthBytes"] = s.PacketLengthBytes,
            });
        }

        return report;
    }

    private static async Task<Report> MulticastGroupsAsync(SwitchSession session, ParseResult parse, CancellationToken cancellationToken)
    {
        List<Entity> entities = await session.ReadAsync(
            new Entity { PacketReplicationEngineEntry = new PacketReplicationEngineEntry { MulticastGroupEntry = new MulticastGroupEntry() } },
            "multicast groups", cancellationToken).ConfigureAwait(false);
        var json = new JsonArray();
        var report = new Report("multicast-groups", new JsonObject { ["multicastGroups"] = json });
        ReportTable table = report.AddTable(new ReportTable(null, "group", "replicas").AlignRight("group"));
        foreach (MulticastGroupEntry g in entities.Select(e => e.PacketReplicationEngineEntry?.MulticastGroupEntry).OfType<MulticastGroupEntry>().OrderBy(g => g.MulticastGroupId))
        {
            table.AddRow(g.MulticastGroupId.ToString(CultureInfo.InvariantCulture), Replicas(g.Replicas));
            json.Add(new JsonObject { ["id"] = g.MulticastGroupId, ["replicas"] = ReplicasJson(g.Replicas) });
        }

        return report;
    }

    private static string Replicas(IEnumerable<Replica> replicas) =>
        string.Join(", ", replicas.Select(r => string.Create(CultureInfo.InvariantCulture, $"{P4Entities.ReplicaPort(r)}/{r.Instance}")));

    private static JsonArray ReplicasJson(IEnumerable<Replica> replicas) =>
        new([.. replicas.Select(r => (JsonNode)new JsonObject { ["port"] = P4Entities.ReplicaPort(r), ["instance"] = r.Instance })]);
}
