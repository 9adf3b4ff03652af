namespace Themis.Switch.Execution;

/// <summary>
/// A compiled l-value: a storage location fixed at compile time, a header-stack element chosen at run
/// time (<see cref="Index"/> picks one of <see cref="Elements"/>; out of range is ignored on write and
/// reads zero, as BMv2 never faults), or a bit slice of another l-value.
/// </summary>
internal sealed record LValue
{
    public Loc? Static { get; init; }

    public NarrowFn? Index { get; init; }

    public Loc[]? Elements { get; init; }

    public LValue? SliceOf { get; init; }

    public int High { get; init; }

    public int Low { get; init; }

    /// <summary>Runs before the location is read (it fills a temporary, e.g. the result of a function call).</summary>
    public StmtFn? Prologue { get; init; }

    public static LValue Of(Loc loc) => new() { Static = loc };
}
