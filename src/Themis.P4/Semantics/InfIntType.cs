using System.Numerics;
using Themis.P4.Syntax;

namespace Themis.P4.Semantics;

/// <summary>The type of integer literals without a width: infinite precision, compile time only.</summary>
public sealed class InfIntType : P4Type
{
    public static readonly InfIntType Instance = new();

    public override string ToString() => "int";
}
