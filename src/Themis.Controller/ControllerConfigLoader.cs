using System.Globalization;
using System.Net.NetworkInformation;
using System.Text.Json;
using System.Text.Json.Nodes;
using Themis.Controller.Internal;

namespace Themis.Controller;

/// <summary>
/// Reads the controller's JSON configuration (comments and trailing commas allowed), applies command-line
/// overrides (<c>key.path=value</c>), and validates the result, reporting every problem at once.
/// </summary>
public static class ControllerConfigLoader
{
    private static readonly JsonDocumentOptions s_jsonOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Loads <paramref name="path"/>; relative file paths inside are resolved against its folder.</summary>
    /// <exception cref="ControllerConfigException">The file is missing, not JSON, or has invalid keys.</exception>
    public static ControllerConfig Load(string path, IEnumerable<string>? overrides = null)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ControllerConfigException(
                [$"Cannot read the configuration file '{path}': {e.Message} Pass an existing file with --config FILE."]);
        }

        return Parse(json, Path.GetDirectoryName(Path.GetFullPath(path)), overrides);
    }

    /// <summary>Parses a configuration document. <paramref name="baseDirectory"/> anchors relative paths (null: as given).</summary>
    /// <exception cref="ControllerConfigException">Every problem found.</exception>
    public static ControllerConfig Parse(string json, string? baseDirectory = null, IEnumerable<string>? overrides = null)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: s_jsonOptions) ?? new JsonObject();
        }
        catch (JsonException e)
        {
            throw new ControllerConfigException(
                [$"The configuration is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}"]);
        }

        var errors = new List<string>();
        foreach (string item in overrides ?? [])
        {
            ApplyOverride(root, item, errors);
        }

        ControllerConfig config = Bind(root, baseDirectory, errors);
        errors.AddRange(Validate(config));
        if (errors.Count > 0)
        {
            throw new ControllerConfigException(errors.Distinct().ToList());
        }

        return config;
    }

    /// <summary>
    /// The semantic checks (ranges across keys, port roles, addresses, keys). Bound values that are already
    /// reported by the parser are not reported twice. Usable on a configuration built in code.
    /// </summary>
    public static IReadOnlyList<string> Validate(ControllerConfig config)
    {
        var errors = new List<string>();
        ValidatePorts(config.Ports, errors);

        if (!Ipv4.TryParse(config.ControlIp, out uint control) || !Ipv4.IsUnicastHost(control))
        {
            errors.Add($"controlIp: must be the ESW's unicast IPv4 address (destination of daemon packets), e.g. \"10.0.0.254\", not \"{config.ControlIp}\".");
        }

        if (!IsMac(config.SwitchMac))
        {
            errors.Add($"switchMac: must be a MAC address such as \"02:00:00:00:00:fe\", not \"{config.SwitchMac}\".");
        }

        var allPorts = config.Ports.Dc.Concat(config.Ports.Wan).ToHashSet();
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < config.Routes.Count; i++)
        {
            RouteConfig route = config.Routes[i];
            string key = $"routes[{i}]";
            if (!Ipv4.TryParsePrefix(route.Prefix, out Ipv4Prefix? prefix))
            {
                errors.Add($"{key}.prefix: must be an IPv4 prefix such as \"10.2.0.0/16\", not \"{route.Prefix}\".");
            }
            else if (!prefix.IsCanonical)
            {
                errors.Add($"{key}.prefix: \"{route.Prefix}\" has host bits set; write \"{Ipv4.Format(prefix.Network & prefix.Mask)}/{prefix.Length}\".");
            }
            else if (!prefixes.Add(prefix.ToString()))
            {
                errors.Add($"{key}.prefix: \"{route.Prefix}\" is routed twice; keep one route per prefix.");
            }

            if (!allPorts.Contains(route.Port))
            {
                errors.Add($"{key}.port: {route.Port} is neither a DC port nor a WAN port (ports.dc, ports.wan).");
            }

            if (!IsMac(route.NextHopMac))
            {
                errors.Add($"{key}.nextHopMac: must be a MAC address such as \"02:00:00:00:02:01\", not \"{route.NextHopMac}\".");
            }
        }

        ThemisParameters p = config.Themis;
        if (p.CnpStoreSize > p.FlowSlots)
        {
            errors.Add($"themis.cnpStoreSize: {p.CnpStoreSize} exceeds themis.flowSlots ({p.FlowSlots}); a cnp_store entry always belongs to a registered flow.");
        }

        DaemonConfig d = config.Daemon;
        if (d.Port == 4791)
        {
            errors.Add("daemon.port: 4791 is the RoCEv2 port; daemon packets need their own (default 12345).");
        }

        foreach ((string host, string key) in d.Keys)
        {
            if (!Ipv4.TryParse(host, out uint hostIp) || !Ipv4.IsUnicastHost(hostIp))
            {
                errors.Add($"daemon.keys.{host}: the key of a daemon key must be the host's IPv4 address, e.g. \"10.0.1.1\".");
            }

            if (!TryParseHexKey(key, out byte[]? bytes))
            {
                errors.Add($"daemon.keys.{host}: must be a hex string (e.g. 32 hex digits for 16 bytes), not \"{Shorten(key)}\".");
            }
            else if (bytes.Length < 16)
            {
                errors.Add($"daemon.keys.{host}: the key has {bytes.Length} bytes; use at least 16 (32 hex digits), e.g. from `openssl rand -hex 32`.");
            }
        }

        if (!d.AcceptV0 && d.Keys.Count == 0)
        {
            errors.Add("daemon.keys: no host has a key and daemon.acceptV0 is false, so no daemon could register; add \"daemon.keys\": { \"HOST-IP\": \"HEX-KEY\" } or set daemon.acceptV0 to true.");
        }

        if (d.MaxPendingPerHost > d.MaxPending)
        {
            errors.Add($"daemon.maxPendingPerHost: {d.MaxPendingPerHost} exceeds daemon.maxPending ({d.MaxPending}).");
        }

        if (config.Timers.ReconnectMaxDelay < config.Timers.ReconnectInitialDelay)
        {
            errors.Add("timers.reconnectMaxDelay: must be at least timers.reconnectInitialDelay.");
        }

        if (config.Pipeline.Push != PipelinePushMode.Never)
        {
            if (string.IsNullOrEmpty(config.Pipeline.P4InfoPath))
            {
                if (!Internal.PipelineSource.IsP4Source(config.Pipeline.DeviceConfigPath))
                {
                    errors.Add("pipeline.p4info: required unless pipeline.deviceConfig is P4 source (.p4, whose P4Info is derived); give the P4Info file or set pipeline.push to \"never\".");
                }
            }
            else if (!File.Exists(config.Pipeline.P4InfoPath))
            {
                errors.Add($"pipeline.p4info: file '{config.Pipeline.P4InfoPath}' does not exist.");
            }

            if (string.IsNullOrEmpty(config.Pipeline.DeviceConfigPath))
            {
                errors.Add("pipeline.deviceConfig: required to push the pipeline; give the target's device config or set pipeline.push to \"never\".");
            }
            else if (!File.Exists(config.Pipeline.DeviceConfigPath))
            {
                errors.Add($"pipeline.deviceConfig: file '{config.Pipeline.DeviceConfigPath}' does not exist.");
            }
        }
        else if (config.Pipeline.P4InfoPath is { Length: > 0 } p4info && !File.Exists(p4info))
        {
            errors.Add($"pipeline.p4info: file '{p4info}' does not exist.");
        }

        if (config.Http.Enabled && !TryParseListen(config.Http.Listen, out _, out _))
        {
            errors.Add($"http.listen: must be ADDRESS:PORT such as \"127.0.0.1:9464\", not \"{config.Http.Listen}\".");
        }

        return errors;
    }

    /// <summary>Parses a hex key (spaces and colons allowed between bytes).</summary>
    public static bool TryParseHexKey(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? key)
    {
        key = null;
        if (text is null)
        {
            return false;
        }

        string digits = text.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (digits.Length == 0 || digits.Length % 2 != 0 || !digits.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        key = Convert.FromHexString(digits);
        return true;
    }

    internal static bool TryParseListen(string? text, out System.Net.IPAddress address, out int port)
    {
        address = System.Net.IPAddress.Loopback;
        port = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        int colon = text.LastIndexOf(':');
        return colon > 0
            && System.Net.IPAddress.TryParse(text[..colon].Trim('[', ']'), out address!)
            && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port)
            && port <= 65535;
    }

    private static void ApplyOverride(JsonNode root, string item, List<string> errors)
    {
        int eq = item.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            errors.Add($"override '{item}': must be KEY=VALUE with a dotted key, e.g. themis.alpha0=7 or switch.address=http://10.0.0.1:9559.");
            return;
        }

        string[] path = item[..eq].Trim().Split('.');
        string text = item[(eq + 1)..];
        JsonNode value;
        try
        {
            // JSON values (numbers, booleans, arrays, quoted strings) as they are; anything else is a plain string.
            value = JsonNode.Parse(text) ?? JsonValue.Create(text)!;
        }
        catch (JsonException)
        {
            value = JsonValue.Create(text)!;
        }

        if (root is not JsonObject node)
        {
            errors.Add($"override '{item}': the configuration's top level is not an object.");
            return;
        }

        for (int i = 0; i < path.Length - 1; i++)
        {
            if (path[i].Length == 0)
            {
                errors.Add($"override '{item}': empty key segment.");
                return;
            }

            JsonNode? child = node[path[i]];
            if (child is null)
            {
                node[path[i]] = child = new JsonObject();
            }

            if (child is not JsonObject childObject)
            {
                errors.Add($"override '{item}': {string.Join('.', path[..(i + 1)])} is not an object.");
                return;
            }

            node = childObject;
        }

        if (text.Trim() == "null")
        {
            // KEY=null removes the key, so its default applies.
            node.Remove(path[^1]);
            return;
        }

        node[path[^1]] = value;
    }

    private static ControllerConfig Bind(JsonNode root, string? baseDirectory, List<string> errors)
    {
        var top = new ConfigReader(root, "", errors);

        ConfigReader sw = top.Section("switch");
        Uri address = new("http://127.0.0.1:9559");
        string addressText = sw.String("address", address.ToString());
        if (!Uri.TryCreate(addressText, UriKind.Absolute, out Uri? parsed) || (parsed.Scheme != "http" && parsed.Scheme != "https"))
        {
            sw.Error("address", $"must be an http:// or https:// URI such as \"http://127.0.0.1:9559\", not \"{addressText}\".");
        }
        else
        {
            address = parsed;
        }

        var switchConfig = new SwitchConnectionConfig
        {
            Address = address,
            DeviceId = sw.OptionalUInt64("deviceId") ?? 0,
            ElectionId = sw.UInt128Value("electionId", UInt128.One, UInt128.One),
            Role = sw.String("role", ""),
        };
        sw.RejectUnknownKeys();

        ConfigReader pipe = top.Section("pipeline");
        var pipeline = new PipelineConfig
        {
            // "derive" (or no key): the P4Info comes from the P4 source in deviceConfig.
            P4InfoPath = pipe.OptionalString("p4info") is { } p4info && p4info != "derive" ? Resolve(p4info, baseDirectory) : null,
            DeviceConfigPath = Resolve(pipe.OptionalString("deviceConfig"), baseDirectory),
            Cookie = pipe.OptionalUInt64("cookie"),
            Push = pipe.Enum("push", PipelinePushMode.IfDifferent),
        };
        pipe.RejectUnknownKeys();

        ConfigReader portsReader = top.Section("ports");
        var ports = new PortsConfig
        {
            Dc = portsReader.PortList("dc"),
            Wan = portsReader.PortList("wan"),
            Cpu = (uint)portsReader.Integer("cpu", 255, 1, 510),
            Loop = (uint)portsReader.Integer("loop", 0, 0, 510),
            CloneSessionBase = (uint)portsReader.Integer("cloneSessionBase", 100, 1, 32_000),
        };
        if (!portsReader.Has("loop"))
        {
            portsReader.Error("loop", "required: the port wired back into the switch (TRP throttling and dummies).");
        }

        portsReader.RejectUnknownKeys();

        var routes = new List<RouteConfig>();
        foreach (ConfigReader r in top.ObjectList("routes"))
        {
            routes.Add(new RouteConfig
            {
                Prefix = r.String("prefix", ""),
                Port = (uint)r.Integer("port", 0, 0, 511),
                NextHopMac = r.String("nextHopMac", ""),
            });
            r.RejectUnknownKeys();
        }

        TimeSpan minute = TimeSpan.FromMinutes(1);
        ConfigReader t = top.Section("themis");
        var themis = new ThemisParameters
        {
            CnpInterval = t.Duration("cnpInterval", TimeSpan.FromMicroseconds(50), TimeSpan.FromMicroseconds(1), TimeSpan.FromSeconds(1)),
            Alpha0 = (int)t.Integer("alpha0", 5, 1, 255),
            Beta = t.Duration("beta", TimeSpan.FromMicroseconds(500), TimeSpan.FromMicroseconds(1), TimeSpan.FromSeconds(10)),
            FlowSlots = (int)t.Integer("flowSlots", 1024, 1, 32768),
            CnpStoreSize = (int)t.Integer("cnpStoreSize", 1024, 1, 1 << 20),
            CnpCacheSize = (int)t.Integer("cnpCacheSize", 1024, 1, 1 << 20),
            CnpDscp = (int)t.Integer("cnpDscp", 48, 0, 63),
            DummyCount = (int)t.Integer("dummyCount", 8, 0, 4096),
            Recovery = t.Enum("recovery", RecoveryMode.Ordered),
            Handshake = t.Enum("handshake", HandshakeMode.Cookie),
        };
        t.RejectUnknownKeys();

        ConfigReader dr = top.Section("daemon");
        var daemon = new DaemonConfig
        {
            Port = (int)dr.Integer("port", 12345, 1, 65535),
            AcceptV0 = dr.Bool("acceptV0", false),
            Keys = dr.StringMap("keys"),
            GracePeriod = dr.Duration("gracePeriod", TimeSpan.FromSeconds(2), TimeSpan.Zero, minute),
            MaxClockSkew = dr.Duration("maxClockSkew", TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(24)),
            MaxPending = (int)dr.Integer("maxPending", 4096, 1, 1 << 20),
            MaxPendingPerHost = (int)dr.Integer("maxPendingPerHost", 256, 1, 1 << 20),
        };
        dr.RejectUnknownKeys();

        ConfigReader tr = top.Section("timers");
        var timers = new TimersConfig
        {
            HostPairTtl = tr.Duration("hostPairTtl", TimeSpan.FromHours(1), TimeSpan.FromSeconds(1), TimeSpan.FromDays(30)),
            HostPairCapacity = (int)tr.Integer("hostPairCapacity", 65536, 1, 1 << 24),
            CnpStoreIdleTimeout = tr.Duration("cnpStoreIdleTimeout", TimeSpan.FromSeconds(1), TimeSpan.FromMicroseconds(100), minute),
            SecretRotation = tr.Duration("secretRotation", TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)),
            ReconnectInitialDelay = tr.Duration("reconnectInitialDelay", TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(10), minute),
            ReconnectMaxDelay = tr.Duration("reconnectMaxDelay", TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10)),
        };
        tr.RejectUnknownKeys();

        ConfigReader wr = top.Section("writes");
        var writes = new WriteConfig
        {
            MaxBatch = (int)wr.Integer("maxBatch", 256, 1, 100_000),
            MaxEventsPerBatch = (int)wr.Integer("maxEventsPerBatch", 256, 1, 100_000),
        };
        wr.RejectUnknownKeys();

        ConfigReader hr = top.Section("http");
        var http = new HttpEndpointConfig
        {
            Enabled = hr.Bool("enabled", true),
            Listen = hr.String("listen", "127.0.0.1:9464"),
        };
        hr.RejectUnknownKeys();

        string controlIp = top.String("controlIp", "");
        string switchMac = top.String("switchMac", "02:00:00:00:00:fe");
        top.RejectUnknownKeys();

        return new ControllerConfig
        {
            Switch = switchConfig,
            Pipeline = pipeline,
            Ports = ports,
            ControlIp = controlIp,
            SwitchMac = switchMac,
            Routes = routes,
            Themis = themis,
            Daemon = daemon,
            Timers = timers,
            Writes = writes,
            Http = http,
        };
    }

    private static void ValidatePorts(PortsConfig ports, List<string> errors)
    {
        if (ports.Dc.Count == 0)
        {
            errors.Add("ports.dc: list at least one DC-facing port, e.g. [1, 2].");
        }

        if (ports.Wan.Count == 0)
        {
            errors.Add("ports.wan: list at least one WAN-facing port, e.g. [3].");
        }

        if (ports.Cpu is 0 or 511)
        {
            errors.Add($"ports.cpu: {ports.Cpu} cannot be the CPU port (0 is not allowed by BMv2's P4Runtime server, 511 is its drop port); use e.g. 510.");
        }

        var seen = new Dictionary<uint, string>();
        void Claim(uint port, string role)
        {
            if (port == 511)
            {
                errors.Add($"{role}: port 511 is BMv2's drop port.");
            }
            else if (!seen.TryAdd(port, role))
            {
                errors.Add($"{role}: port {port} is already used as {seen[port]}; every port has one role.");
            }
        }

        for (int i = 0; i < ports.Dc.Count; i++)
        {
            Claim(ports.Dc[i], $"ports.dc[{i}]");
        }

        for (int i = 0; i < ports.Wan.Count; i++)
        {
            Claim(ports.Wan[i], $"ports.wan[{i}]");
        }

        Claim(ports.Cpu, "ports.cpu");
        Claim(ports.Loop, "ports.loop");
    }

    private static string? Resolve(string? path, string? baseDirectory) =>
        path is null || baseDirectory is null || Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));

    private static bool IsMac(string text)
    {
        string[] parts = text.Split(':', '-');
        return parts.Length == 6 && parts.All(p => p.Length == 2 && p.All(char.IsAsciiHexDigit))
            && PhysicalAddress.TryParse(text.Replace(':', '-'), out _);
    }

    private static string Shorten(string text) => text.Length <= 12 ? text : text[..12] + "...";
}
