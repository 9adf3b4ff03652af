using System.Numerics;
using Themis.P4.Syntax;

namespace Themis.P4.Checking;

/// <summary>Helpers to read annotations such as <c>@name("x")</c>, <c>@id(5)</c>, <c>@field_list(1, 2)</c>.</summary>
public static class AnnotationLookup
{
    public static Annotation? Find(this IReadOnlyList<Annotation> annotations, string name)
    {
        foreach (var a in annotations)
        {
            if (a.Name == name)
            {
                return a;
            }
        }
        return null;
    }

    public static bool Has(this IReadOnlyList<Annotation> annotations, string name) => annotations.Find(name) != null;

    /// <summary>The string argument of <c>@name("...")</c> and similar, or null.</summary>
    public static string? GetString(this IReadOnlyList<Annotation> annotations, string name) =>
        annotations.Find(name) is { } a && a.Arguments.Count > 0 ? a.Arguments[0].StringValue : null;

    /// <summary>The integer argument of <c>@id(n)</c> and similar, or null.</summary>
    public static BigInteger? GetInteger(this IReadOnlyList<Annotation> annotations, string name) =>
        annotations.Find(name) is { } a && a.Arguments.Count > 0 ? a.Arguments[0].IntegerValue : null;

    /// <summary>All integer arguments of an annotation (for <c>@field_list(1, 2)</c>).</summary>
    public static IReadOnlyList<BigInteger> GetIntegers(this IReadOnlyList<Annotation> annotations, string name) =>
        annotations.Find(name) is { } a ? [.. a.Arguments.Where(x => x.IntegerValue.HasValue).Select(x => x.IntegerValue!.Value)] : [];
}
