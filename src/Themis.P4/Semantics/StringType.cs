using System.Numerics;
using Themis.P4.Syntax;

namespace Themis.P4.Semantics;

public sealed class StringType : P4Type
{
    public static readonly StringType Instance = new();

    public override string ToString() => "string";
}
