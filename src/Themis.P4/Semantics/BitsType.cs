using System.Numerics;
using Themis.P4.Syntax;

namespace Themis.P4.Semantics;

/// <summary><c>bit&lt;W&gt;</c> (unsigned) or <c>int&lt;W&gt;</c> (signed, two's complement).</summary>
public sealed class BitsType : P4Type
{
    private static readonly Dictionary<(int, bool), BitsType> Cache = [];

    private BitsType(int width, bool signed)
    {
        Width = width;
        IsSigned = signed;
    }

    public int Width { get; }

    public bool IsSigned { get; }

    public override int? BitWidth => Width;

    public static BitsType Get(int width, bool signed)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue((width, signed), out var t))
            {
                t = new BitsType(width, signed);
                Cache[(width, signed)] = t;
            }
            return t;
        }
    }

    /// <summary>Brings <paramref name="value"/> into the range of this type (wrap-around).</summary>
    public BigInteger Normalize(BigInteger value)
    {
        var modulus = BigInteger.One << Width;
        var v = BigInteger.Remainder(value, modulus);
        if (v.Sign < 0)
        {
            v += modulus;
        }
        if (IsSigned && v >= modulus >> 1)
        {
            v -= modulus;
        }
        return v;
    }

    public override string ToString() => IsSigned ? $"int<{Width}>" : $"bit<{Width}>";
}
