namespace Themis.Switch.Execution;

/// <summary>
/// One element of a packed field list: a scalar value or a varbit field. <see cref="Slot"/> is the
/// narrow cell when the value is a plain field or variable read (packed without calling the evaluator).
/// </summary>
internal sealed record PackPart(Val? Value, VarbitLoc? Varbit)
{
    public int Slot { get; init; } = -1;

    public static PackPart Of(Val value) => new(value, null);
}
