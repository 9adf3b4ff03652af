using System.Globalization;

namespace Themis.Cli;

/// <summary>An index or an inclusive range of indices written <c>N</c> or <c>FROM..TO</c>.</summary>
internal readonly record struct IndexRange(long From, long To)
{
    public long Count => To - From + 1;

    public IEnumerable<long> Indices()
    {
        for (long i = From; i <= To; i++)
        {
            yield return i;
        }
    }

    /// <summary>Parses <paramref name="text"/> against an array of <paramref name="size"/> cells named <paramref name="what"/>.</summary>
    public static IndexRange Parse(string text, long size, string what)
    {
        string s = (text ?? "").Trim();
        int dots = s.IndexOf("..", StringComparison.Ordinal);
        string first = dots < 0 ? s : s[..dots];
        string last = dots < 0 ? s : s[(dots + 2)..];
        if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out long from)
            || !long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out long to))
        {
            throw CliException.Usage($"'{text}' is not an index or a range; write N or FROM..TO (e.g. 7 or 0..15).");
        }

        if (from > to)
        {
            throw CliException.Usage($"Range {text}: FROM is greater than TO.");
        }

        if (to >= size)
        {
            throw CliException.NotFound(string.Create(CultureInfo.InvariantCulture, $"{what} has {size} cells (0..{size - 1}); {text} is out of range."));
        }

        return new IndexRange(from, to);
    }
}
