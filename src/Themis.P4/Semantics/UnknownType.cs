using System.Numerics;
using Themis.P4.Syntax;

namespace Themis.P4.Semantics;

/// <summary>Placeholder after an error has been reported; compatible with everything so one mistake is reported once.</summary>
public sealed class UnknownType : P4Type
{
    public static readonly UnknownType Instance = new();

    public override string ToString() => "<unknown>";
}
