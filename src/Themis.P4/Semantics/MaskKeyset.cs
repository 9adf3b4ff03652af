using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary><c>value &amp;&amp;&amp; mask</c>.</summary>
public sealed class MaskKeyset(BigInteger value, BigInteger mask) : Keyset
{
    public BigInteger Value { get; } = value;

    public BigInteger Mask { get; } = mask;

    public override string ToString() => $"0x{Value:x} &&& 0x{Mask:x}";
}
