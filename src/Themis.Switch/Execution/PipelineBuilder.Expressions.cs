using System.Numerics;
using Themis.P4.Semantics;

namespace Themis.Switch.Execution;

/// <content>Scalar expressions: every operator with P4's wrap-around at the type's width.</content>
internal sealed partial class PipelineBuilder
{
    private Val Value(BoundExpression e, Ctx c)
    {
        switch (e)
        {
            case LiteralExpression { Value: bool b }:
                return Val.Const(b ? 1 : 0, 1, false);
            case LiteralExpression { Value: BigInteger v } lit:
                return Val.Const(v, Types.Width(lit.Type), Types.IsSigned(lit.Type));
            case EnumMemberExpression em:
                return Val.Const(em.Enum.IsSerializable ? em.Value : em.Index, Types.Width(em.Enum), Types.IsSigned(em.Enum));
            case ErrorMemberExpression er:
                return Val.Const(er.Code, 32, false);
            case VariableExpression or FieldExpression or StackElementExpression or StackPropertyExpression { Property: StackProperty.Next or StackProperty.Last }:
                if (!Types.IsScalar(e.Type))
                {
                    throw new CompileException($"'{e}' of type '{e.Type}' is not a scalar value here");
                }

                return Read(LValueOf(e, c), e.Type);
            case StackPropertyExpression sp:
                {
                    var stack = (StackLoc)StaticLoc(LValueOf(sp.Stack, c), sp.Stack);
                    int slot = stack.NextIndexSlot;
                    return sp.Property == StackProperty.LastIndex
                        ? Val.Narrow(s => (s.S[slot] - 1) & 0xFFFF_FFFF, 32, false)
                        : Val.Narrow(s => s.S[slot], 32, false);
                }

            case SliceExpression sl:
                return Slice(Value(sl.Target, c), sl.High, sl.Low);
            case UnaryExpression u:
                return Unary(u, c);
            case BinaryExpression b:
                return Binary(b, c);
            case CastExpression cast:
                return Cast(Value(cast.Operand, c), cast.Type);
            case ConditionalExpression cond:
                {
                    NarrowFn test = Value(cond.Condition, c).AsNarrow();
                    Val a = Value(cond.WhenTrue, c);
                    Val b = Value(cond.WhenFalse, c);
                    int width = Types.Width(cond.Type);
                    if (width > 64)
                    {
                        WideFn wa = a.AsWide(), wb = b.AsWide();
                        return Val.Wide(s => test(s) != 0 ? wa(s) : wb(s), width, a.Signed);
                    }

                    NarrowFn na = a.AsNarrow(), nb = b.AsNarrow();
                    return Val.Narrow(s => test(s) != 0 ? na(s) : nb(s), width, a.Signed);
                }

            case BuiltinMethodCall { Method: BuiltinMethod.IsValid } call:
                return IsValid(LValueOf(call.Target, c), call.Target);
            case TableHitExpression hit:
                {
                    TableRuntime table = Table(hit.Apply.Table, c);
                    bool miss = hit.IsMiss;
                    return Val.Narrow(
                        s =>
                        {
                            if (table.Apply(s) == Flow.Exit)
                            {
                                s.Exited = true;
                            }

                            return (s.S[table.HitSlot] != 0) ^ miss ? 1UL : 0UL;
                        },
                        1,
                        false);
                }

            case FunctionCall fc:
                return FunctionValue(fc, c);
            case ExternMethodCall or ExternFunctionCall:
                return ExternValue((CallExpression)e, c);
            default:
                throw new CompileException($"the expression '{e}' ({e.GetType().Name}) is not supported as a value");
        }
    }

    private static Val Slice(Val v, int high, int low)
    {
        int width = high - low + 1;
        ulong mask = Types.Mask(width);
        if (!v.IsWide)
        {
            NarrowFn n = v.N!;
            return low == 0 ? Val.Narrow(s => n(s) & mask, width, false) : Val.Narrow(s => (n(s) >> low) & mask, width, false);
        }

        WideFn w = v.W!;
        if (width <= 64)
        {
            return Val.Narrow(s => (ulong)((w(s) >> low) & mask), width, false);
        }

        BigInteger wideMask = (BigInteger.One << width) - 1;
        return Val.Wide(s => (w(s) >> low) & wideMask, width, false);
    }

    private Val Unary(UnaryExpression u, Ctx c)
    {
        Val v = Value(u.Operand, c);
        int width = Types.Width(u.Type);
        if (v.IsWide)
        {
            WideFn w = v.W!;
            BigInteger m = (BigInteger.One << width) - 1;
            return u.Operator switch
            {
                UnaryOperator.Complement => Val.Wide(s => w(s) ^ m, width, v.Signed),
                UnaryOperator.Negate => Val.Wide(s => (-w(s)) & m, width, v.Signed),
                _ => throw new CompileException($"operator {u.Operator} is not defined on '{u.Operand.Type}'"),
            };
        }

        NarrowFn n = v.N!;
        ulong mask = Types.Mask(width);
        return u.Operator switch
        {
            UnaryOperator.Not => Val.Narrow(s => n(s) ^ 1, 1, false),
            UnaryOperator.Complement => Val.Narrow(s => ~n(s) & mask, width, v.Signed),
            _ => Val.Narrow(s => (0 - n(s)) & mask, width, v.Signed),
        };
    }

    private static long SignExtend(ulong v, int width) => width >= 64 ? (long)v : (long)(v << (64 - width)) >> (64 - width);

    private static BigInteger SignedWide(BigInteger v, int width) => v.IsZero || (v >> (width - 1)).IsZero ? v : v - (BigInteger.One << width);

    private static Val Cast(Val v, P4Type target)
    {
        int width = Types.Width(target);
        bool signed = Types.IsSigned(target);
        if (v.Constant is { } k)
        {
            BigInteger value = v.Signed && v.Width < width && v.Width <= 64 ? SignExtend((ulong)k, v.Width) : k;
            return Val.Const(value, width, signed);
        }

        if (width <= 64 && !v.IsWide)
        {
            NarrowFn n = v.N!;
            ulong mask = Types.Mask(width);
            if (v.Signed && v.Width < width)
            {
                int from = v.Width;
                return Val.Narrow(s => (ulong)SignExtend(n(s), from) & mask, width, signed);
            }

            return v.Width <= width ? Val.Narrow(n, width, signed) : Val.Narrow(s => n(s) & mask, width, signed);
        }

        WideFn w = v.AsWide();
        int fromWidth = v.Width;
        bool extend = v.Signed && v.Width < width;
        BigInteger wideMask = (BigInteger.One << width) - 1;
        if (width <= 64)
        {
            ulong mask = Types.Mask(width);
            return Val.Narrow(s => (ulong)(w(s) & mask), width, signed);
        }

        return Val.Wide(s => (extend ? SignedWide(w(s), fromWidth) : w(s)) & wideMask, width, signed);
    }

    private Val Binary(BinaryExpression b, Ctx c)
    {
        switch (b.Operator)
        {
            case BinaryOperator.LogicalAnd:
                {
                    NarrowFn l = Value(b.Left, c).AsNarrow(), r = Value(b.Right, c).AsNarrow();
                    return Val.Narrow(s => l(s) != 0 && r(s) != 0 ? 1UL : 0UL, 1, false);
                }

            case BinaryOperator.LogicalOr:
                {
                    NarrowFn l = Value(b.Left, c).AsNarrow(), r = Value(b.Right, c).AsNarrow();
                    return Val.Narrow(s => l(s) != 0 || r(s) != 0 ? 1UL : 0UL, 1, false);
                }

            case BinaryOperator.Equal or BinaryOperator.NotEqual when !Types.IsScalar(b.Left.Type):
                return AggregateEquality(b, c);
        }

        Val left = Value(b.Left, c);
        Val right = Value(b.Right, c);
        if (b.Operator == BinaryOperator.Concat)
        {
            return Concat(left, right);
        }

        if (b.Operator is BinaryOperator.Equal or BinaryOperator.NotEqual or BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual)
        {
            return Compare(b.Operator, left, right);
        }

        int width = Types.Width(b.Type);
        bool signed = Types.IsSigned(b.Type);
        if (width > 64 || left.IsWide)
        {
            return WideArithmetic(b.Operator, left, right, width, signed);
        }

        NarrowFn x = left.AsNarrow();
        NarrowFn y = right.AsNarrow();
        ulong m = Types.Mask(width);
        ulong? k = right.Constant is { } rc && rc <= ulong.MaxValue ? (ulong)rc : null;
        switch (b.Operator)
        {
            case BinaryOperator.Add:
                if (k is { } ka)
                {
                    return Val.Narrow(s => (x(s) + ka) & m, width, signed);
                }

                return Val.Narrow(s => (x(s) + y(s)) & m, width, signed);
            case BinaryOperator.Subtract:
                if (k is { } ks)
                {
                    return Val.Narrow(s => (x(s) - ks) & m, width, signed);
                }

                return Val.Narrow(s => (x(s) - y(s)) & m, width, signed);
            case BinaryOperator.Multiply:
                return Val.Narrow(s => (x(s) * y(s)) & m, width, signed);
            case BinaryOperator.Divide:
                return Val.Narrow(
                    s =>
                    {
                        ulong d = y(s);
                        return d == 0 ? 0 : x(s) / d;
                    },
                    width,
                    signed);
            case BinaryOperator.Modulo:
                return Val.Narrow(
                    s =>
                    {
                        ulong d = y(s);
                        return d == 0 ? 0 : x(s) % d;
                    },
                    width,
                    signed);
            case BinaryOperator.AddSaturating when signed:
                {
                    long max = (long)(m >> 1), min = -max - 1;
                    return Val.Narrow(s => (ulong)(long)Int128.Clamp((Int128)SignExtend(x(s), width) + SignExtend(y(s), width), min, max) & m, width, true);
                }

            case BinaryOperator.AddSaturating:
                return Val.Narrow(
                    s =>
                    {
                        ulong a = x(s), r = a + y(s);
                        return r < a || r > m ? m : r;
                    },
                    width,
                    false);
            case BinaryOperator.SubtractSaturating when signed:
                {
                    long max = (long)(m >> 1), min = -max - 1;
                    return Val.Narrow(s => (ulong)(long)Int128.Clamp((Int128)SignExtend(x(s), width) - SignExtend(y(s), width), min, max) & m, width, true);
                }

            case BinaryOperator.SubtractSaturating:
                return Val.Narrow(
                    s =>
                    {
                        ulong a = x(s), d = y(s);
                        return a < d ? 0 : a - d;
                    },
                    width,
                    false);
            case BinaryOperator.ShiftLeft:
                return Val.Narrow(
                    s =>
                    {
                        ulong n = y(s);
                        return n >= (ulong)width ? 0 : (x(s) << (int)n) & m;
                    },
                    width,
                    signed);
            case BinaryOperator.ShiftRight when signed:
                return Val.Narrow(
                    s =>
                    {
                        long a = SignExtend(x(s), width);
                        ulong n = y(s);
                        return n >= (ulong)width ? (a < 0 ? m : 0) : (ulong)(a >> (int)n) & m;
                    },
                    width,
                    true);
            case BinaryOperator.ShiftRight:
                return Val.Narrow(
                    s =>
                    {
                        ulong n = y(s);
                        return n >= (ulong)width ? 0 : x(s) >> (int)n;
                    },
                    width,
                    false);
            case BinaryOperator.BitAnd:
                if (k is { } kand)
                {
                    return Val.Narrow(s => x(s) & kand, width, signed);
                }

                return Val.Narrow(s => x(s) & y(s), width, signed);
            case BinaryOperator.BitOr:
                return Val.Narrow(s => x(s) | y(s), width, signed);
            case BinaryOperator.BitXor:
                return Val.Narrow(s => x(s) ^ y(s), width, signed);
            default:
                throw new CompileException($"operator {b.Operator} is not supported on '{b.Left.Type}'");
        }
    }

    private static Val WideArithmetic(BinaryOperator op, Val left, Val right, int width, bool signed)
    {
        WideFn x = left.AsWide();
        WideFn y = right.AsWide();
        BigInteger m = (BigInteger.One << width) - 1;
        BigInteger max = signed ? m >> 1 : m;
        BigInteger min = signed ? -(m >> 1) - 1 : BigInteger.Zero;
        Func<BigInteger, BigInteger> sv = signed ? v => SignedWide(v, width) : v => v;
        WideFn fn = op switch
        {
            BinaryOperator.Add => s => (x(s) + y(s)) & m,
            BinaryOperator.Subtract => s => (x(s) - y(s)) & m,
            BinaryOperator.Multiply => s => (x(s) * y(s)) & m,
            BinaryOperator.Divide => s => y(s) is { IsZero: false } d ? x(s) / d : BigInteger.Zero,
            BinaryOperator.Modulo => s => y(s) is { IsZero: false } d ? x(s) % d : BigInteger.Zero,
            BinaryOperator.AddSaturating => s => BigInteger.Clamp(sv(x(s)) + sv(y(s)), min, max) & m,
            BinaryOperator.SubtractSaturating => s => BigInteger.Clamp(sv(x(s)) - sv(y(s)), min, max) & m,
            BinaryOperator.ShiftLeft => s => y(s) is var n && n >= width ? BigInteger.Zero : (x(s) << (int)n) & m,
            BinaryOperator.ShiftRight => s => y(s) is var n && n >= width ? (signed && sv(x(s)).Sign < 0 ? m : BigInteger.Zero) : (sv(x(s)) >> (int)n) & m,
            BinaryOperator.BitAnd => s => x(s) & y(s),
            BinaryOperator.BitOr => s => x(s) | y(s),
            BinaryOperator.BitXor => s => x(s) ^ y(s),
            _ => throw new CompileException($"operator {op} is not supported on {width}-bit values"),
        };
        if (width <= 64)
        {
            return Val.Narrow(s => (ulong)fn(s), width, signed);
        }

        return Val.Wide(fn, width, signed);
    }

    private static Val Concat(Val left, Val right)
    {
        int width = left.Width + right.Width;
        int rw = right.Width;
        if (width <= 64)
        {
            NarrowFn x = left.AsNarrow(), y = right.AsNarrow();
            return Val.Narrow(s => (x(s) << rw) | y(s), width, left.Signed);
        }

        WideFn wx = left.AsWide(), wy = right.AsWide();
        return Val.Wide(s => (wx(s) << rw) | wy(s), width, left.Signed);
    }

    private static Val Compare(BinaryOperator op, Val left, Val right)
    {
        if (left.IsWide || right.IsWide)
        {
            WideFn wx = left.AsWide(), wy = right.AsWide();
            int w = Math.Max(left.Width, right.Width);
            Func<BigInteger, BigInteger> sv = left.Signed ? v => SignedWide(v, w) : v => v;
            Func<PacketState, int> cmp = s => sv(wx(s)).CompareTo(sv(wy(s)));
            return Val.Narrow(s => Test(op, cmp(s)) ? 1UL : 0UL, 1, false);
        }

        NarrowFn x = left.N!, y = right.N!;
        if (op is BinaryOperator.Equal or BinaryOperator.NotEqual)
        {
            bool eq = op == BinaryOperator.Equal;
            if (right.Constant is { } k)
            {
                ulong kv = (ulong)k;
                return eq ? Val.Narrow(s => x(s) == kv ? 1UL : 0UL, 1, false) : Val.Narrow(s => x(s) != kv ? 1UL : 0UL, 1, false);
            }

            return eq ? Val.Narrow(s => x(s) == y(s) ? 1UL : 0UL, 1, false) : Val.Narrow(s => x(s) != y(s) ? 1UL : 0UL, 1, false);
        }

        if (left.Signed)
        {
            int width = left.Width;
            return Val.Narrow(s => Test(op, SignExtend(x(s), width).CompareTo(SignExtend(y(s), width))) ? 1UL : 0UL, 1, false);
        }

        return op switch
        {
            BinaryOperator.Less => Val.Narrow(s => x(s) < y(s) ? 1UL : 0UL, 1, false),
            BinaryOperator.LessOrEqual => Val.Narrow(s => x(s) <= y(s) ? 1UL : 0UL, 1, false),
            BinaryOperator.Greater => Val.Narrow(s => x(s) > y(s) ? 1UL : 0UL, 1, false),
            _ => Val.Narrow(s => x(s) >= y(s) ? 1UL : 0UL, 1, false),
        };
    }

    private static bool Test(BinaryOperator op, int comparison) => op switch
    {
        BinaryOperator.Equal => comparison == 0,
        BinaryOperator.NotEqual => comparison != 0,
        BinaryOperator.Less => comparison < 0,
        BinaryOperator.LessOrEqual => comparison <= 0,
        BinaryOperator.Greater => comparison > 0,
        _ => comparison >= 0,
    };

    /// <summary>Equality of headers or structs: both headers invalid, or all cells equal.</summary>
    private Val AggregateEquality(BinaryExpression b, Ctx c)
    {
        Loc l = StaticLoc(LValueOf(b.Left, c), b.Left);
        Loc r = StaticLoc(LValueOf(b.Right, c), b.Right);
        List<int> ln = [], lw = [], lv = [], rn = [], rw = [], rv = [];
        l.Flatten(ln, lw, lv);
        r.Flatten(rn, rw, rv);
        int[] a = [.. ln], bb = [.. rn], aw = [.. lw], bw = [.. rw];
        int validA = l is HeaderLoc hl ? hl.ValidSlot : -1;
        int validB = r is HeaderLoc hr ? hr.ValidSlot : -1;
        bool equal = b.Operator == BinaryOperator.Equal;
        return Val.Narrow(
            s =>
            {
                bool same = true;
                if (validA >= 0 && s.S[validA] == 0 && s.S[validB] == 0)
                {
                    return equal ? 1UL : 0UL;
                }

                for (int i = 0; i < a.Length && same; i++)
                {
                    same = s.S[a[i]] == s.S[bb[i]];
                }

                for (int i = 0; i < aw.Length && same; i++)
                {
                    same = s.W[aw[i]] == s.W[bw[i]];
                }

                return same == equal ? 1UL : 0UL;
            },
            1,
            false);
    }
}
