namespace Themis.P4Runtime.Info;

/// <summary>A name or id that the loaded P4Info does not define (or defines ambiguously).</summary>
public sealed class P4InfoLookupException : KeyNotFoundException
{
    public P4InfoLookupException(string kind, string name, IReadOnlyList<string> closest, string? detail = null)
        : base(BuildMessage(kind, name, closest, detail))
    {
        Kind = kind;
        Name = name;
        Closest = closest;
    }

    public P4InfoLookupException() { }

    public P4InfoLookupException(string message) : base(message) { }

    public P4InfoLookupException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>What was looked up: "table", "action", "match field", ...</summary>
    public string Kind { get; } = "";

    /// <summary>The name (or id) that was not found.</summary>
    public string Name { get; } = "";

    /// <summary>The existing names closest to <see cref="Name"/>, best first.</summary>
    public IReadOnlyList<string> Closest { get; } = [];

    private static string BuildMessage(string kind, string name, IReadOnlyList<string> closest, string? detail)
    {
        string message = detail ?? $"No {kind} named '{name}' in the P4Info.";
        return closest.Count == 0
            ? message
            : $"{message} Did you mean {string.Join(", ", closest.Select(c => $"'{c}'"))}?";
    }
}
