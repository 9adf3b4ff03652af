using System.Numerics;
using Themis.P4.Semantics;

namespace Themis.Switch.Execution;

/// <content>L-values, reads, writes and copies of storage.</content>
internal sealed partial class PipelineBuilder
{
    private LValue LValueOf(BoundExpression e, Ctx c)
    {
        switch (e)
        {
            case VariableExpression v:
                return LValue.Of(c.Scope.Lookup(v.Variable));
            case LocExpression l:
                return LValue.Of(l.Loc);
            case FieldExpression f:
                return FieldOf(LValueOf(f.Target, c), f.Field);
            case StackElementExpression se:
                {
                    LValue stack = LValueOf(se.Stack, c);
                    var loc = (StackLoc)StaticLoc(stack, se.Stack);
                    Val index = Value(se.Index, c);
                    if (index.Constant is { } k)
                    {
                        if (k >= loc.Elements.Length)
                        {
                            throw new CompileException($"index {k} is out of bounds of '{se.Stack}' (size {loc.Elements.Length})");
                        }

                        return LValue.Of(loc.Elements[(int)k]) with { Prologue = stack.Prologue };
                    }

                    return new LValue { Index = index.AsNarrow(), Elements = loc.Elements, Prologue = stack.Prologue };
                }

            case StackPropertyExpression { Property: StackProperty.Next or StackProperty.Last } sp:
                {
                    var loc = (StackLoc)StaticLoc(LValueOf(sp.Stack, c), sp.Stack);
                    int slot = loc.NextIndexSlot;
                    NarrowFn index = sp.Property == StackProperty.Next ? s => s.S[slot] : s => s.S[slot] - 1;
                    return new LValue { Index = index, Elements = loc.Elements };
                }

            case SliceExpression sl:
                return new LValue { SliceOf = LValueOf(sl.Target, c), High = sl.High, Low = sl.Low };
            case DontCareExpression d:
                return LValue.Of(_alloc.Allocate(d.Type));
            default:
                {
                    // An aggregate computed by an expression (function result, lookahead, struct literal): into a temporary.
                    Loc temp = _alloc.Allocate(e.Type);
                    return LValue.Of(temp) with { Prologue = AssignTo(temp, e, c) };
                }
        }
    }

    private static LValue FieldOf(LValue inner, Field field)
    {
        if (inner.Static is { } loc)
        {
            return LValue.Of(FieldOf(loc, field)) with { Prologue = inner.Prologue };
        }

        if (inner.Elements is { } elements)
        {
            return new LValue { Index = inner.Index, Elements = [.. elements.Select(e => FieldOf(e, field))], Prologue = inner.Prologue };
        }

        throw new CompileException($"field '{field.Name}' of a slice");
    }

    private static Loc FieldOf(Loc loc, Field field) => loc switch
    {
        HeaderLoc h => h.Fields[field.Index],
        StructLoc st => st.Fields[field.Index],
        _ => throw new CompileException($"'{loc.Type}' has no field '{field.Name}'"),
    };

    private static Loc StaticLoc(LValue lv, BoundExpression e) =>
        lv.Static ?? throw new CompileException($"'{e}' must name a fixed location here (a header stack index known at compile time)");

    private static Val Read(LValue lv, P4Type type)
    {
        Val v = ReadNoPrologue(lv, type);
        if (lv.Prologue is not { } pro)
        {
            return v;
        }

        if (v.IsWide)
        {
            WideFn w = v.W!;
            return Val.Wide(s => { pro(s); return w(s); }, v.Width, v.Signed);
        }

        NarrowFn n = v.N!;
        return Val.Narrow(s => { pro(s); return n(s); }, v.Width, v.Signed);
    }

    private static Val ReadNoPrologue(LValue lv, P4Type type)
    {
        int width = Types.Width(type);
        bool signed = Types.IsSigned(type);
        switch (lv.Static)
        {
            case ScalarLoc sl:
                {
                    int slot = sl.Slot;
                    return Val.Narrow(s => s.S[slot], width, signed);
                }

            case WideLoc wl:
                {
                    int index = wl.Index;
                    return Val.Wide(s => s.W[index], width, signed);
                }

            case null when lv.Elements is { } elements:
                {
                    NarrowFn idx = lv.Index!;
                    if (width <= 64)
                    {
                        int[] slots = [.. elements.Select(e => ((ScalarLoc)e).Slot)];
                        return Val.Narrow(
                            s =>
                            {
                                ulong i = idx(s);
                                return i < (ulong)slots.Length ? s.S[slots[i]] : 0;
                            },
                            width,
                            signed);
                    }

                    int[] cells = [.. elements.Select(e => ((WideLoc)e).Index)];
                    return Val.Wide(
                        s =>
                        {
                            ulong i = idx(s);
                            return i < (ulong)cells.Length ? s.W[cells[i]] : BigInteger.Zero;
                        },
                        width,
                        signed);
                }

            default:
                throw new CompileException($"a value of type '{type}' cannot be read as a scalar here");
        }
    }

    /// <summary>Stores a scalar value into an l-value.</summary>
    private StmtFn AssignScalar(LValue lv, Val value)
    {
        StmtFn store = StoreScalar(lv, value);
        if (lv.Prologue is { } pro)
        {
            return s =>
            {
                pro(s);
                return store(s);
            };
        }

        return store;
    }

    private StmtFn StoreScalar(LValue lv, Val value)
    {
        if (lv.SliceOf is { } whole)
        {
            Val old = Read(whole, BitsType.Get(Math.Max(lv.High + 1, WidthOf(whole)), false));
            int low = lv.Low;
            int width = lv.High - lv.Low + 1;
            if (!old.IsWide)
            {
                NarrowFn o = old.N!, n = value.AsNarrow();
                ulong m = Types.Mask(width) << low;
                return AssignScalar(whole, Val.Narrow(s => (o(s) & ~m) | ((n(s) << low) & m), old.Width, false));
            }

            WideFn ow = old.W!, nw = value.AsWide();
            BigInteger wm = ((BigInteger.One << width) - 1) << low;
            BigInteger all = (BigInteger.One << old.Width) - 1;
            return AssignScalar(whole, Val.Wide(s => (ow(s) & (all ^ wm)) | ((nw(s) << low) & wm), old.Width, false));
        }

        switch (lv.Static)
        {
            case ScalarLoc sl:
                {
                    int slot = sl.Slot;
                    NarrowFn fn = value.AsNarrow();
                    if (value.Constant is { } k)
                    {
                        ulong kv = (ulong)(k & Types.Mask(sl.Width));
                        return s =>
                        {
                            s.S[slot] = kv;
                            return Flow.Next;
                        };
                    }

                    if (value.Width <= sl.Width)
                    {
                        return s =>
                        {
                            s.S[slot] = fn(s);
                            return Flow.Next;
                        };
                    }

                    ulong mask = Types.Mask(sl.Width);
                    return s =>
                    {
                        s.S[slot] = fn(s) & mask;
                        return Flow.Next;
                    };
                }

            case WideLoc wl:
                {
                    int index = wl.Index;
                    WideFn fn = value.AsWide();
                    BigInteger mask = (BigInteger.One << wl.Width) - 1;
                    return s =>
                    {
                        s.W[index] = fn(s) & mask;
                        return Flow.Next;
                    };
                }

            case null when lv.Elements is { } elements:
                {
                    StmtFn[] stores = [.. elements.Select(e => StoreScalar(LValue.Of(e), value))];
                    NarrowFn idx = lv.Index!;
                    return s =>
                    {
                        ulong i = idx(s);
                        return i < (ulong)stores.Length ? stores[i](s) : Flow.Next;
                    };
                }

            default:
                throw new CompileException("a scalar value cannot be stored into an aggregate");
        }
    }

    private static int WidthOf(LValue lv) => lv.Static switch
    {
        ScalarLoc s => s.Width,
        WideLoc w => w.Width,
        _ => lv.Elements is { Length: > 0 } e ? e[0] switch { ScalarLoc s => s.Width, WideLoc w => w.Width, _ => 64 } : 64,
    };

    /// <summary><c>target = value</c> for any type.</summary>
    private StmtFn Assign(BoundExpression target, BoundExpression value, Ctx c)
    {
        LValue lv = LValueOf(target, c);
        if (Types.IsScalar(target.Type))
        {
            return AssignScalar(lv, Value(value, c));
        }

        if (lv.Static is { } loc)
        {
            return AssignTo(loc, value, c);
        }

        if (lv.Elements is { } elements)
        {
            StmtFn[] per = [.. elements.Select(e => AssignTo(e, value, c))];
            NarrowFn idx = lv.Index!;
            return s =>
            {
                ulong i = idx(s);
                return i < (ulong)per.Length ? per[i](s) : Flow.Next;
            };
        }

        throw new CompileException($"cannot assign to '{target}'");
    }

    /// <summary>Evaluates <paramref name="value"/> into the fixed location <paramref name="dst"/>.</summary>
    private StmtFn AssignTo(Loc dst, BoundExpression value, Ctx c)
    {
        if (dst is ScalarLoc or WideLoc)
        {
            return AssignScalar(LValue.Of(dst), Value(value, c));
        }

        switch (value)
        {
            case StructExpression se:
                return FieldsFrom(dst, se.Fields, c);
            case ListExpression le:
                return FieldsFrom(dst, le.Elements, c);
            case ConditionalExpression ce:
                {
                    NarrowFn test = Value(ce.Condition, c).AsNarrow();
                    StmtFn a = AssignTo(dst, ce.WhenTrue, c), b = AssignTo(dst, ce.WhenFalse, c);
                    return s => test(s) != 0 ? a(s) : b(s);
                }

            case FunctionCall fc:
                return InlineFunction(fc, c, dst);
            case ExternMethodCall { Method.Name: "lookahead" } la:
                return Lookahead(dst, la, c);
            case DontCareExpression:
                return _ => Flow.Next;
        }

        LValue src = LValueOf(value, c);
        StmtFn copy;
        if (src.Static is { } from)
        {
            copy = Copy(from, dst);
        }
        else if (src.Elements is { } elements)
        {
            StmtFn[] per = [.. elements.Select(e => Copy(e, dst))];
            NarrowFn idx = src.Index!;
            copy = s =>
            {
                ulong i = idx(s);
                return i < (ulong)per.Length ? per[i](s) : Flow.Next;
            };
        }
        else
        {
            throw new CompileException($"cannot assign '{value}'");
        }

        if (src.Prologue is { } pro)
        {
            StmtFn inner = copy;
            copy = s =>
            {
                pro(s);
                return inner(s);
            };
        }

        return copy;
    }

    private StmtFn FieldsFrom(Loc dst, IReadOnlyList<BoundExpression> values, Ctx c)
    {
        Loc[] fields = dst switch
        {
            HeaderLoc h => h.Fields,
            StructLoc st => st.Fields,
            _ => throw new CompileException($"a list or struct value cannot be assigned to '{dst.Type}'"),
        };
        if (fields.Length != values.Count)
        {
            throw new CompileException($"'{dst.Type}' has {fields.Length} fields but {values.Count} values were given");
        }

        var parts = new List<StmtFn>();
        for (int i = 0; i < fields.Length; i++)
        {
            parts.Add(AssignTo(fields[i], values[i], c));
        }

        if (dst is HeaderLoc header)
        {
            parts.Add(SetValidity(header, true));
        }

        return Sequence(parts);
    }

    /// <summary>Copies every cell of <paramref name="from"/> to <paramref name="to"/> (same type).</summary>
    private static StmtFn Copy(Loc from, Loc to)
    {
        if (ReferenceEquals(from, to))
        {
            return _ => Flow.Next;
        }

        List<int> fn = [], fw = [], fv = [], tn = [], tw = [], tv = [];
        from.Flatten(fn, fw, fv);
        to.Flatten(tn, tw, tv);
        if (fn.Count != tn.Count || fw.Count != tw.Count || fv.Count != tv.Count)
        {
            throw new CompileException($"cannot copy '{from.Type}' to '{to.Type}': the layouts differ");
        }

        int[] a = [.. fn], b = [.. tn], aw = [.. fw], bw = [.. tw], av = [.. fv], bv = [.. tv];
        if (aw.Length == 0 && av.Length == 0)
        {
            return s =>
            {
                ulong[] cells = s.S;
                for (int i = 0; i < a.Length; i++)
                {
                    cells[b[i]] = cells[a[i]];
                }

                return Flow.Next;
            };
        }

        return s =>
        {
            for (int i = 0; i < a.Length; i++)
            {
                s.S[b[i]] = s.S[a[i]];
            }

            for (int i = 0; i < aw.Length; i++)
            {
                s.W[bw[i]] = s.W[aw[i]];
            }

            for (int i = 0; i < av.Length; i++)
            {
                s.V[av[i]].CopyTo(s.V[bv[i]], 0);
            }

            return Flow.Next;
        };
    }

    private static StmtFn SetValidity(HeaderLoc header, bool valid)
    {
        int slot = header.ValidSlot;
        int[] siblings = valid ? [.. header.Siblings.Select(h => h.ValidSlot)] : [];
        ulong v = valid ? 1UL : 0UL;
        if (siblings.Length == 0)
        {
            return s =>
            {
                s.S[slot] = v;
                return Flow.Next;
            };
        }

        return s =>
        {
            s.S[slot] = v;
            foreach (int sib in siblings)
            {
                s.S[sib] = 0;
            }

            return Flow.Next;
        };
    }

    private static Val IsValid(LValue lv, BoundExpression target)
    {
        static NarrowFn Of(Loc loc, BoundExpression target)
        {
            switch (loc)
            {
                case HeaderLoc h:
                    {
                        int slot = h.ValidSlot;
                        return s => s.S[slot];
                    }

                case StructLoc { Struct.Kind: StructKind.HeaderUnion } u:
                    {
                        int[] slots = [.. u.Fields.OfType<HeaderLoc>().Select(h => h.ValidSlot)];
                        return s =>
                        {
                            foreach (int slot in slots)
                            {
                                if (s.S[slot] != 0)
                                {
                                    return 1;
                                }
                            }

                            return 0;
                        };
                    }

                default:
                    throw new CompileException($"isValid() needs a header or header union, not '{target.Type}'");
            }
        }

        NarrowFn fn;
        if (lv.Static is { } loc)
        {
            fn = Of(loc, target);
        }
        else
        {
            NarrowFn[] per = [.. lv.Elements!.Select(e => Of(e, target))];
            NarrowFn idx = lv.Index!;
            fn = s =>
            {
                ulong i = idx(s);
                return i < (ulong)per.Length ? per[i](s) : 0;
            };
        }

        if (lv.Prologue is { } pro)
        {
            NarrowFn inner = fn;
            fn = s =>
            {
                pro(s);
                return inner(s);
            };
        }

        return Val.Narrow(fn, 1, false);
    }

    /// <summary>setValid/setInvalid/push_front/pop_front as statements.</summary>
    private StmtFn BuiltinStatement(BuiltinMethodCall call, Ctx c)
    {
        LValue lv = LValueOf(call.Target, c);
        switch (call.Method)
        {
            case BuiltinMethod.SetValid or BuiltinMethod.SetInvalid:
                {
                    bool valid = call.Method == BuiltinMethod.SetValid;
                    if (lv.Static is HeaderLoc h)
                    {
                        return SetValidity(h, valid);
                    }

                    StmtFn[] per = [.. lv.Elements!.Select(e => SetValidity((HeaderLoc)e, valid))];
                    NarrowFn idx = lv.Index!;
                    return s =>
                    {
                        ulong i = idx(s);
                        return i < (ulong)per.Length ? per[i](s) : Flow.Next;
                    };
                }

            case BuiltinMethod.PushFront or BuiltinMethod.PopFront:
                {
                    var stack = (StackLoc)StaticLoc(lv, call.Target);
                    int count = (int)(Value(call.Arguments[0], c).Constant ?? throw new CompileException("push_front/pop_front need a constant count"));
                    return ShiftStack(stack, call.Method == BuiltinMethod.PushFront ? count : -count);
                }

            default:
                throw new CompileException($"'{call.Method}' cannot be used as a statement");
        }
    }

    private static StmtFn ShiftStack(StackLoc stack, int by)
    {
        int size = stack.Elements.Length;
        var steps = new List<StmtFn>();
        if (by > 0)
        {
            for (int i = size - 1; i >= by; i--)
            {
                steps.Add(Copy(stack.Elements[i - by], stack.Elements[i]));
            }

            for (int i = 0; i < Math.Min(by, size); i++)
            {
                steps.Add(SetValidity((HeaderLoc)stack.Elements[i], false));
            }
        }
        else
        {
            int n = -by;
            for (int i = 0; i + n < size; i++)
            {
                steps.Add(Copy(stack.Elements[i + n], stack.Elements[i]));
            }

            for (int i = Math.Max(0, size - n); i < size; i++)
            {
                steps.Add(SetValidity((HeaderLoc)stack.Elements[i], false));
            }
        }

        int slot = stack.NextIndexSlot;
        long delta = by;
        steps.Add(s =>
        {
            s.S[slot] = (ulong)Math.Clamp((long)s.S[slot] + delta, 0, size);
            return Flow.Next;
        });
        return Sequence(steps);
    }

    private static StmtFn Sequence(IReadOnlyList<StmtFn> parts)
    {
        switch (parts.Count)
        {
            case 0:
                return _ => Flow.Next;
            case 1:
                return parts[0];
            case 2:
                {
                    StmtFn a = parts[0], b = parts[1];
                    return s =>
                    {
                        int r = a(s);
                        return r != Flow.Next ? r : b(s);
                    };
                }

            default:
                {
                    StmtFn[] all = [.. parts];
                    return s =>
                    {
                        foreach (StmtFn part in all)
                        {
                            int r = part(s);
                            if (r != Flow.Next)
                            {
                                return r;
                            }
                        }

                        return Flow.Next;
                    };
                }
        }
    }
}
