namespace Themis.Switch.Execution;

/// <summary>One element of a packed field list: a scalar value or a varbit field.</summary>
internal sealed record PackPart(Val? Value, VarbitLoc? Varbit)
{
    public static PackPart Of(Val value) => new(value, null);
}
