using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Themis.Controller.Internal;

/// <summary>
/// Reads one JSON object of the configuration, recording a problem for every bad or unknown key instead of
/// stopping at the first, so the operator sees all of them in one run.
/// </summary>
internal sealed class ConfigReader
{
    private readonly JsonObject? _object;
    private readonly string _path;
    private readonly List<string> _errors;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public ConfigReader(JsonNode? node, string path, List<string> errors)
    {
        _path = path;
        _errors = errors;
        if (node is JsonObject obj)
        {
            _object = obj;
        }
        else if (node is not null)
        {
            errors.Add($"{Display(path)}: must be a JSON object {{ ... }}, not {Describe(node)}.");
        }
    }

    public string Key(string name) => _path.Length == 0 ? name : $"{_path}.{name}";

    public void Error(string name, string problem) => _errors.Add($"{Key(name)}: {problem}");

    public ConfigReader Section(string name) => new(Take(name), Key(name), _errors);

    public bool Has(string name) => _object?[name] is not null;

    public string String(string name, string fallback) => OptionalString(name) ?? fallback;

    public string? OptionalString(string name)
    {
        JsonNode? node = Take(name);
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.TryGetValue(out string? text))
        {
            return text;
        }

        Error(name, $"must be a string, not {Describe(node)}.");
        return null;
    }

    public bool Bool(string name, bool fallback)
    {
        JsonNode? node = Take(name);
        if (node is null)
        {
            return fallback;
        }

        if (node is JsonValue value && value.TryGetValue(out bool result))
        {
            return result;
        }

        Error(name, $"must be true or false, not {Describe(node)}.");
        return fallback;
    }

    public long Integer(string name, long fallback, long min, long max)
    {
        JsonNode? node = Take(name);
        return node is null ? fallback : ToInteger(node, name, fallback, min, max);
    }

    public ulong? OptionalUInt64(string name)
    {
        JsonNode? node = Take(name);
        if (node is null)
        {
            return null;
        }

        UInt128? value = ToUInt128(node);
        if (value is { } v && v <= ulong.MaxValue)
        {
            return (ulong)v;
        }

        Error(name, $"must be an integer from 0 to {ulong.MaxValue} (a number or a decimal string), not {Describe(node)}.");
        return null;
    }

    public UInt128 UInt128Value(string name, UInt128 fallback, UInt128 min)
    {
        JsonNode? node = Take(name);
        if (node is null)
        {
            return fallback;
        }

        if (ToUInt128(node) is { } value && value >= min)
        {
            return value;
        }

        Error(name, $"must be an integer from {min} to 2^128-1 (a number, or a decimal string for large ids), not {Describe(node)}.");
        return fallback;
    }

    public TimeSpan Duration(string name, TimeSpan fallback, TimeSpan min, TimeSpan max)
    {
        JsonNode? node = Take(name);
        if (node is null)
        {
            return fallback;
        }

        if (node is JsonValue value && value.TryGetValue(out string? text) && DurationText.TryParse(text, out TimeSpan result))
        {
            if (result >= min && result <= max)
            {
                return result;
            }

            Error(name, $"must be between {DurationText.Format(min)} and {DurationText.Format(max)}, not {text}.");
            return fallback;
        }

        Error(name, $"must be a duration with a unit such as \"500us\", \"10ms\", \"2s\", \"1h\", not {Describe(node)}.");
        return fallback;
    }

    public T Enum<T>(string name, T fallback)
        where T : struct, System.Enum
    {
        string? text = OptionalString(name);
        if (text is null)
        {
            return fallback;
        }

        foreach (T candidate in System.Enum.GetValues<T>())
        {
            if (string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        string allowed = string.Join(", ", System.Enum.GetNames<T>().Select(n => $"\"{char.ToLowerInvariant(n[0])}{n[1..]}\""));
        Error(name, $"must be one of {allowed}, not \"{text}\".");
        return fallback;
    }

    public IReadOnlyList<uint> PortList(string name)
    {
        JsonNode? node = Take(name);
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array)
        {
            Error(name, $"must be an array of port numbers such as [1, 2], not {Describe(node)}.");
            return [];
        }

        var ports = new List<uint>(array.Count);
        for (int i = 0; i < array.Count; i++)
        {
            string itemName = $"{name}[{i}]";
            ports.Add((uint)ToInteger(array[i], itemName, 0, 0, 511));
        }

        return ports;
    }

    public IReadOnlyList<ConfigReader> ObjectList(string name)
    {
        JsonNode? node = Take(name);
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array)
        {
            Error(name, $"must be an array of objects, not {Describe(node)}.");
            return [];
        }

        return array.Select((item, i) => new ConfigReader(item, $"{Key(name)}[{i}]", _errors)).ToList();
    }

    public IReadOnlyDictionary<string, string> StringMap(string name)
    {
        JsonNode? node = Take(name);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is null)
        {
            return map;
        }

        if (node is not JsonObject obj)
        {
            Error(name, $"must be an object of \"key\": \"value\" strings, not {Describe(node)}.");
            return map;
        }

        foreach ((string key, JsonNode? value) in obj)
        {
            if (value is JsonValue v && v.TryGetValue(out string? text))
            {
                map[key] = text;
            }
            else
            {
                _errors.Add($"{Key(name)}.{key}: must be a string, not {Describe(value)}.");
            }
        }

        return map;
    }

    /// <summary>Reports keys nobody asked for: almost always a typo.</summary>
    public void RejectUnknownKeys()
    {
        if (_object is null)
        {
            return;
        }

        foreach ((string key, _) in _object)
        {
            // "$comment", "$schema": annotations, not settings.
            if (!_known.Contains(key) && !key.StartsWith('$'))
            {
                string? close = _known.OrderBy(k => Distance(k, key)).FirstOrDefault();
                string hint = close is not null && Distance(close, key) <= 3 ? $" Did you mean \"{close}\"?" : "";
                string known = string.Join(", ", _known.Order(StringComparer.Ordinal));
                _errors.Add($"{Key(key)}: unknown key.{hint} Known keys here: {known}.");
            }
        }
    }

    private JsonNode? Take(string name)
    {
        _known.Add(name);
        return _object?[name];
    }

    private long ToInteger(JsonNode? node, string name, long fallback, long min, long max)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out long result))
        {
            if (result >= min && result <= max)
            {
                return result;
            }
        }

        Error(name, $"must be an integer from {min} to {max}, not {Describe(node)}.");
        return fallback;
    }

    private static UInt128? ToUInt128(JsonNode node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        string? text = value.GetValueKind() switch
        {
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.String => value.GetValue<string>(),
            _ => null,
        };
        return text is not null && UInt128.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out UInt128 parsed)
            ? parsed
            : null;
    }

    private static string Display(string path) => path.Length == 0 ? "(top level)" : path;

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => node.ToJsonString(),
    };

    private static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        int[] previous = Enumerable.Range(0, b.Length + 1).ToArray();
        int[] current = new int[b.Length + 1];
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
