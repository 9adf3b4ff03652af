using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using P4.Config.V1;
using Themis.Cli.Connection;
using Themis.Cli.Esw;
using Themis.Cli.Formatting;
using Themis.Cli.Output;
using Themis.Cli.Registers;
using Themis.P4Runtime.Info;

namespace Themis.Cli.Commands;

/// <summary>
/// <c>pairs</c>: the verified inter-DC host pairs, from the controller's <c>/status</c> endpoint when --controller
/// is given (it knows their expiry), else from the ESW's <c>verified_pairs</c> register.
/// </summary>
internal static class PairsCommand
{
    public static Command Create(ViewBinder binder)
    {
        var command = new Command("pairs", "Show the verified inter-DC host pairs (local IP, remote IP): from the controller's "
            + $"/status endpoint with --controller URL, else from the switch's {EswNames.VerifiedPairs} register.");
        return binder.Bind(command, RunAsync);
    }

    private static async Task<Report> RunAsync(SwitchSession session, ParseResult parse, CancellationToken cancellationToken) =>
        session.Settings.Controller is { } controller
            ? await FromControllerAsync(session, controller, cancellationToken).ConfigureAwait(false)
            : await FromSwitchAsync(session, cancellationToken).ConfigureAwait(false);

    private static async Task<Report> FromSwitchAsync(SwitchSession session, CancellationToken cancellationToken)
    {
        P4InfoIndex index = await session.GetP4InfoAsync(cancellationToken).ConfigureAwait(false);
        Register register;
        try
        {
            register = index.Register(EswNames.VerifiedPairs);
        }
        catch (P4InfoLookupException ex)
        {
            throw CliException.NotFound($"pairs needs the ESW's {EswNames.VerifiedPairs} register or --controller URL: {ex.Message}", ex.Closest);
        }

        int width = RegisterAccess.WidthOf(register);
        RegisterValues values = await new RegisterAccess(session, index)
            .ReadAsync([register], [.. Enumerable.Range(0, (int)register.Size).Select(i => (long)i)], cancellationToken).ConfigureAwait(false);
        var pairs = new List<(string Local, string Remote, long Index)>();
        for (long i = 0; i < register.Size; i++)
        {
            if (values.Get(register.Preamble.Id, i) is { } v && ValueFormatter.TryDecode(v, width) is { } cell && cell != 0)
            {
                // local IPv4 ++ remote IPv4 (state.p4).
                pairs.Add((ValueFormatter.Ipv4((uint)(cell >> 32)), ValueFormatter.Ipv4((uint)cell), i));
            }
        }

        var json = new JsonArray();
        var report = new Report("pairs", new JsonObject { ["source"] = "switch", ["pairs"] = json });
        ReportTable table = report.AddTable(new ReportTable(null, "local IP", "remote IP", "index") { EmptyText = "(no verified pairs)" }.AlignRight("index"));
        foreach ((string local, string remote, long i) in pairs)
        {
            table.AddRow(local, remote, i.ToString(CultureInfo.InvariantCulture));
            json.Add(new JsonObject { ["localIp"] = local, ["remoteIp"] = remote, ["index"] = i, ["expiresAt"] = null });
        }

        report.Notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"{pairs.Count} pairs in {register.Preamble.Name} (read via {values.Path}); the switch keeps no expiry, the controller does (--controller URL)."));
        return report;
    }

    private static async Task<Report> FromControllerAsync(SwitchSession session, Uri controller, CancellationToken cancellationToken)
    {
        var url = new Uri(controller, "status");
        session.Verbose($"pairs from the controller at {url}");
        string body;
        using (var http = new HttpClient { Timeout = session.Settings.Timeout })
        {
            try
            {
                using HttpResponseMessage response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw CliException.Refused($"The controller at {url} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
                }

                body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw new CliException(ExitCodes.Unreachable, $"Cannot reach the controller at {url}: {ex.Message}. Check --controller and the controller's http.listen.", innerException: ex);
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CliException(ExitCodes.Unreachable, $"The controller at {url} did not answer within {session.Settings.Timeout.TotalSeconds:0.###} s.", innerException: ex);
            }
        }

        var json = new JsonArray();
        var report = new Report("pairs", new JsonObject { ["source"] = "controller", ["pairs"] = json });
        ReportTable table = report.AddTable(new ReportTable(null, "local IP", "remote IP", "expires at") { EmptyText = "(no verified pairs)" });
        foreach ((string local, string remote, string? expires) in ParseStatus(body, url))
        {
            table.AddRow(local, remote, expires ?? "-");
            json.Add(new JsonObject { ["localIp"] = local, ["remoteIp"] = remote, ["index"] = null, ["expiresAt"] = expires });
        }

        return report;
    }

    /// <summary>
    /// Reads <c>{"pairs":[{"local":"10.0.0.1","remote":"10.1.0.1","expiresAt":"..."}]}</c> (other fields are ignored),
    /// without trusting the document: anything else is reported, never thrown as a parser exception.
    /// </summary>
    internal static List<(string Local, string Remote, string? ExpiresAt)> ParseStatus(string body, Uri url)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            throw CliException.Refused($"The controller's {url} is not JSON: {ex.Message}");
        }

        if (root is JsonObject counted && counted["pairs"] is null && counted["verifiedPairs"] is JsonValue count)
        {
            // The controller's /status so far reports how many pairs it holds, not which.
            throw CliException.Refused($"The controller at {url} reports only the number of verified pairs ({count.ToJsonString()}), not the pairs "
                + "themselves; run 'themisctl pairs' without --controller to read the switch's verified_pairs register.");
        }

        if (root is not JsonObject document || document["pairs"] is not JsonArray pairs)
        {
            throw CliException.Refused($"The controller's {url} has no \"pairs\" array; is --controller the Themis controller's HTTP endpoint?");
        }

        var result = new List<(string, string, string?)>();
        foreach (JsonNode? node in pairs)
        {
            if (node is JsonObject pair && Text(pair["local"]) is { } local && Text(pair["remote"]) is { } remote)
            {
                result.Add((local, remote, Text(pair["expiresAt"])));
            }
            else
            {
                throw CliException.Refused($"The controller's {url} lists a pair without \"local\" and \"remote\" addresses: {node?.ToJsonString()}");
            }
        }

        return result;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out string? s) ? s : null;
}
