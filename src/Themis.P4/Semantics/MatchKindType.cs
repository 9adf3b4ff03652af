using System.Numerics;
using Themis.P4.Syntax;

namespace Themis.P4.Semantics;

public sealed class MatchKindType : P4Type
{
    public static readonly MatchKindType Instance = new();

    public override string ToString() => "match_kind";
}
