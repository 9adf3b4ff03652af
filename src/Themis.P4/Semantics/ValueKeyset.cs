using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>Matches exactly <see cref="Value"/> (unsigned form, within the key width).</summary>
public sealed class ValueKeyset(BigInteger value) : Keyset
{
    public BigInteger Value { get; } = value;

    public override string ToString() => $"0x{Value:x}";
}
