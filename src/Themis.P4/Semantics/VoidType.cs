using System.Numerics;
using Themis.P4.Syntax;

namespace Themis.P4.Semantics;

public sealed class VoidType : P4Type
{
    public static readonly VoidType Instance = new();

    public override string ToString() => "void";
}
