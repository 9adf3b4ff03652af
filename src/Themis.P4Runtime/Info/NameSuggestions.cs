namespace Themis.P4Runtime.Info;

/// <summary>Ranks existing names by how close they are to a mistyped one, for error messages.</summary>
public static class NameSuggestions
{
    /// <summary>
    /// Returns up to <paramref name="count"/> names closest to <paramref name="name"/>: names that
    /// contain it or end with it first, then by edit distance (case-insensitive), within a budget
    /// that grows with the length of the name so that unrelated names are not suggested.
    /// </summary>
    public static IReadOnlyList<string> Closest(string name, IEnumerable<string> candidates, int count = 3)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(candidates);
        string needle = name.ToUpperInvariant();
        int budget = Math.Max(2, needle.Length / 2);
        return candidates
            .Distinct(StringComparer.Ordinal)
            .Select(c =>
            {
                string upper = c.ToUpperInvariant();
                string last = upper[(upper.LastIndexOf('.') + 1)..];
                int distance = upper.Contains(needle, StringComparison.Ordinal) ? 0 : Math.Min(Distance(needle, upper), Distance(needle, last));
                return (Name: c, Distance: distance);
            })
            .Where(c => c.Distance <= budget)
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(c => c.Name)
            .ToArray();
    }

    /// <summary>Levenshtein distance with two rolling rows.</summary>
    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

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
