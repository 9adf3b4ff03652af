using System.Numerics;
using Themis.P4.Syntax;

namespace Themis.P4.Semantics;

/// <summary>The type of <c>_</c> (don't care).</summary>
public sealed class DontCareType : P4Type
{
    public static readonly DontCareType Instance = new();

    public override string ToString() => "_";
}
