using System.Numerics;

namespace Themis.Switch.Execution;

/// <summary>A compiled scalar expression: a narrow evaluator (width ≤ 64) or a wide one, with its width and signedness.</summary>
internal sealed class Val
{
    private Val(NarrowFn? narrow, WideFn? wide, int width, bool signed, BigInteger? constant)
    {
        N = narrow;
        W = wide;
        Width = width;
        Signed = signed;
        Constant = constant;
    }

    public NarrowFn? N { get; }

    public WideFn? W { get; }

    public int Width { get; }

    public bool Signed { get; }

    /// <summary>The value when known at compile time (unsigned bit pattern).</summary>
    public BigInteger? Constant { get; }

    public bool IsWide => Width > 64;

    public static Val Narrow(NarrowFn fn, int width, bool signed) => new(fn, null, width, signed, null);

    public static Val Wide(WideFn fn, int width, bool signed) => new(null, fn, width, signed, null);

    public static Val Const(BigInteger value, int width, bool signed)
    {
        BigInteger masked = width >= 1 ? value & ((BigInteger.One << width) - 1) : value;
        if (width <= 64)
        {
            ulong v = (ulong)masked;
            return new Val(_ => v, null, width, signed, masked);
        }

        return new Val(null, _ => masked, width, signed, masked);
    }

    /// <summary>The low 64 bits (a narrow value as is).</summary>
    public NarrowFn AsNarrow()
    {
        if (N is not null)
        {
            return N;
        }

        WideFn w = W!;
        return s => (ulong)(w(s) & ulong.MaxValue);
    }

    /// <summary>The value as a BigInteger.</summary>
    public WideFn AsWide()
    {
        if (W is not null)
        {
            return W;
        }

        NarrowFn n = N!;
        return s => n(s);
    }
}
