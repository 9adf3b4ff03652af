namespace Themis.P4.Preprocessing;

/// <summary>The project's own core.p4 and v1model.p4, embedded in the assembly so no path is needed.</summary>
public static class StandardIncludes
{
    private static readonly string[] Names = ["core.p4", "v1model.p4"];

    /// <summary>The names that <c>#include &lt;...&gt;</c> finds without any include directory.</summary>
    public static IReadOnlyList<string> FileNames => Names;

    /// <summary>Returns the text of a built-in include file, or null when <paramref name="name"/> is not one.</summary>
    public static string? TryGet(string name)
    {
        if (Array.IndexOf(Names, name) < 0)
        {
            return null;
        }
        using var stream = typeof(StandardIncludes).Assembly.GetManifestResourceStream("Themis.P4.include." + name);
        if (stream == null)
        {
            return null;
        }
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
