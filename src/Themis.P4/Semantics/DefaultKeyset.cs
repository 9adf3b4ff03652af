using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary><c>default</c> or <c>_</c>.</summary>
public sealed class DefaultKeyset : Keyset
{
    public static readonly DefaultKeyset Instance = new();

    public override string ToString() => "default";
}
