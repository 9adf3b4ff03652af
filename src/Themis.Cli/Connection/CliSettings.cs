using System.Globalization;
using System.Text.Json.Nodes;
using Themis.Cli.Registers;

namespace Themis.Cli.Connection;

/// <summary>The global options of one themisctl run, validated.</summary>
internal sealed record CliSettings
{
    public required Uri Address { get; init; }

    public ulong DeviceId { get; init; }

    /// <summary>Null when not given: only changes and the control-packet register path need it.</summary>
    public UInt128? ElectionId { get; init; }

    public string? P4InfoPath { get; init; }

    public Uri? Controller { get; init; }

    public bool Json { get; init; }

    public bool Verbose { get; init; }

    public bool Yes { get; init; }

    /// <summary>How registers are read and reset (--register-path).</summary>
    public RegisterPathMode RegisterPath { get; init; } = RegisterPathMode.Auto;

    /// <summary>Deadline of each request to the switch and of each control-packet answer.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The "switch" object of every JSON document.</summary>
    public JsonObject ToJson() => new()
    {
        ["address"] = Address.ToString().TrimEnd('/'),
        ["deviceId"] = DeviceId,
    };

    /// <summary>
    /// Turns <c>host:port</c> into <c>http://host:port</c> (plaintext HTTP/2, what BMv2 serves); an address with a
    /// scheme (http:// or https://) is kept.
    /// </summary>
    public static Uri ParseAddress(string text)
    {
        string s = (text ?? "").Trim();
        if (!s.Contains("://", StringComparison.Ordinal))
        {
            s = "http://" + s;
        }

        if (!Uri.TryCreate(s, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.IsDefaultPort && !s.Contains(":" + uri.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            throw CliException.Usage($"--address '{text}' is not a switch address; write host:port (e.g. 127.0.0.1:9559) or http(s)://host:port.");
        }

        return uri;
    }

    /// <summary>Parses --register-path: auto, p4runtime or control-packets.</summary>
    public static RegisterPathMode ParseRegisterPath(string text) => (text ?? "").Trim().ToLowerInvariant() switch
    {
        "auto" => RegisterPathMode.Auto,
        "p4runtime" => RegisterPathMode.P4Runtime,
        "control-packets" => RegisterPathMode.ControlPackets,
        _ => throw CliException.Usage($"--register-path '{text}' is not one of auto, p4runtime, control-packets."),
    };

    /// <summary>Parses a decimal election id (1 .. 2^128-1).</summary>
    public static UInt128 ParseElectionId(string text)
    {
        if (!UInt128.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out UInt128 id) || id == 0)
        {
            throw CliException.Usage($"--election-id '{text}' is not a positive decimal number (1 .. 2^128-1).");
        }

        return id;
    }
}
