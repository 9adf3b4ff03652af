namespace Themis.P4Runtime.Info;

internal static class EnumerableExtensions
{
    /// <summary>The single element matching, or null when none or several match.</summary>
    public static T? SingleOrDefaultIfUnique<T>(this IEnumerable<T> source, Func<T, bool> predicate) where T : class
    {
        T? found = null;
        foreach (T item in source)
        {
            if (!predicate(item))
            {
                continue;
            }

            if (found is not null)
            {
                return null;
            }

            found = item;
        }

        return found;
    }
}
