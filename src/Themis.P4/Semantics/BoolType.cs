using System.Numerics;
using Themis.P4.Syntax;

namespace Themis.P4.Semantics;

public sealed class BoolType : P4Type
{
    public static readonly BoolType Instance = new();

    public override int? BitWidth => 1;

    public override string ToString() => "bool";
}
