using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary><c>low .. high</c> (inclusive).</summary>
public sealed class RangeKeyset(BigInteger low, BigInteger high) : Keyset
{
    public BigInteger Low { get; } = low;

    public BigInteger High { get; } = high;

    public override string ToString() => $"0x{Low:x} .. 0x{High:x}";
}
