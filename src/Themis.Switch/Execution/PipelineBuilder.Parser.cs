using System.Numerics;
using Themis.P4.Semantics;

namespace Themis.Switch.Execution;

/// <content>Parsers (states, select, extract, lookahead) and the deparser's emit.</content>
internal sealed partial class PipelineBuilder
{
    private ParserMachine CompileParser(ParserDeclaration parser, Scope scope, string name)
    {
        var ctx = new Ctx(scope, null, true, scope, parser.Name);
        IReadOnlyList<ParserState> states = parser.States;
        var bodies = new StmtFn[states.Count];
        var transitions = new Func<PacketState, int>[states.Count];
        StmtFn locals = Sequence([.. parser.LocalInitializers.Select(x => Statement(x, ctx))]);
        for (int i = 0; i < states.Count; i++)
        {
            ParserState state = states[i];
            if (state.IsAccept || state.IsReject)
            {
                bodies[i] = _ => Flow.Next;
                transitions[i] = _ => state.Index;
                continue;
            }

            StmtFn body = Sequence([.. state.Statements.Select(x => ParserStatement(x, ctx))]);
            bodies[i] = state == parser.Start
                ? s =>
                {
                    locals(s);
                    return body(s);
                }
            : body;
            transitions[i] = Transition(state.Transition, ctx);
        }

        return new ParserMachine
        {
            Name = name,
            StateNames = [.. states.Select(s => s.Name)],
            Bodies = bodies,
            Transitions = transitions,
            Start = parser.Start.Index,
            Accept = parser.Accept.Index,
            Reject = parser.Reject.Index,
            TimeoutError = (ulong)ErrorCode("ParserTimeout"),
        };
    }

    /// <summary>A parser statement: as in a control, but a lookahead that ran out of packet rejects.</summary>
    private StmtFn ParserStatement(BoundStatement statement, Ctx c)
    {
        StmtFn fn = Statement(statement, c);
        return s =>
        {
            int r = fn(s);
            return s.Rejected ? Flow.Reject : r;
        };
    }

    private Func<PacketState, int> Transition(ParserTransition? transition, Ctx c)
    {
        switch (transition)
        {
            case DirectTransition d:
                {
                    int target = d.Target.Index;
                    return _ => target;
                }

            case SelectTransition sel:
                return Select(sel, c);
            default:
                throw new CompileException("a parser state has no transition");
        }
    }

    private Func<PacketState, int> Select(SelectTransition sel, Ctx c)
    {
        Val[] keys = [.. sel.Expressions.Select(e => Value(e, c))];
        if (keys.Any(k => k.IsWide))
        {
            throw new CompileException("select on values wider than 64 bits is not supported");
        }

        NarrowFn[] fns = [.. keys.Select(k => k.N!)];
        int n = keys.Length;
        int cases = sel.Cases.Count;
        var value = new ulong[cases * n];
        var mask = new ulong[cases * n];
        var high = new ulong[cases * n];
        var isRange = new bool[cases * n];
        var targets = new int[cases];
        for (int ci = 0; ci < cases; ci++)
        {
            SelectCase sc = sel.Cases[ci];
            targets[ci] = sc.Target.Index;
            for (int k = 0; k < n; k++)
            {
                int at = (ci * n) + k;
                ulong width = Types.Mask(keys[k].Width);
                Keyset ks = sc.Keysets.Count == 1 && n > 1 ? sc.Keysets[0] : sc.Keysets[k];
                switch (ks)
                {
                    case ValueKeyset v:
                        value[at] = (ulong)(v.Value & width);
                        mask[at] = width;
                        break;
                    case MaskKeyset m:
                        mask[at] = (ulong)(m.Mask & width);
                        value[at] = (ulong)(m.Value & width) & mask[at];
                        break;
                    case RangeKeyset r:
                        isRange[at] = true;
                        value[at] = (ulong)(r.Low & width);
                        high[at] = (ulong)(r.High & width);
                        break;
                    default:
                        value[at] = 0;
                        mask[at] = 0;
                        break;
                }
            }
        }

        ulong noMatch = (ulong)ErrorCode("NoMatch");
        int rejectState = RejectIndex(sel);
        if (n == 1)
        {
            NarrowFn key = fns[0];
            return s =>
            {
                ulong v = key(s);
                for (int ci = 0; ci < targets.Length; ci++)
                {
                    if (isRange[ci] ? v >= value[ci] && v <= high[ci] : (v & mask[ci]) == value[ci])
                    {
                        return targets[ci];
                    }
                }

                s.ParserError = noMatch;
                return rejectState;
            };
        }

        return s =>
        {
            Span<ulong> v = stackalloc ulong[n];
            for (int k = 0; k < n; k++)
            {
                v[k] = fns[k](s);
            }

            for (int ci = 0; ci < targets.Length; ci++)
            {
                bool all = true;
                for (int k = 0; k < n && all; k++)
                {
                    int at = (ci * n) + k;
                    all = isRange[at] ? v[k] >= value[at] && v[k] <= high[at] : (v[k] & mask[at]) == value[at];
                }

                if (all)
                {
                    return targets[ci];
                }
            }

            s.ParserError = noMatch;
            return rejectState;
        };
    }

    private int RejectIndex(SelectTransition sel)
    {
        ParserDeclaration? owner = _program.Parsers.FirstOrDefault(p => p.States.Any(st => st.Transition == sel));
        return (owner ?? _program.Main.Parser).Reject.Index;
    }

    /// <summary>The fixed fields of a header with their bit offsets; the varbit field (if any) is reported separately.</summary>
    private static (List<(int Offset, Loc Loc)> Before, VarbitLoc? Varbit, int VarbitOffset, List<(int Offset, Loc Loc)> After, int FixedBits) HeaderShape(HeaderLoc h)
    {
        var before = new List<(int, Loc)>();
        var after = new List<(int, Loc)>();
        VarbitLoc? varbit = null;
        int varbitOffset = 0;
        int offset = 0;
        for (int i = 0; i < h.Fields.Length; i++)
        {
            Loc f = h.Fields[i];
            if (f is VarbitLoc v)
            {
                varbit = v;
                varbitOffset = offset;
                continue;
            }

            int width = f switch { ScalarLoc sl => sl.Width, WideLoc wl => wl.Width, _ => throw new CompileException($"header field of type '{f.Type}' cannot be extracted") };
            (varbit is null ? before : after).Add((offset, f));
            offset += width;
        }

        return (before, varbit, varbitOffset, after, offset);
    }

    private static void ReadFields(PacketState s, List<(int Offset, Loc Loc)> fields, int start)
    {
        byte[] data = s.Data;
        foreach ((int offset, Loc loc) in fields)
        {
            if (loc is ScalarLoc sl)
            {
                s.S[sl.Slot] = Bits.Read(data, start + offset, sl.Width);
            }
            else
            {
                var wl = (WideLoc)loc;
                s.W[wl.Index] = Bits.ReadWide(data, start + offset, wl.Width);
            }
        }
    }

    /// <summary>An extractor for one header: reads its fields at the cursor and makes it valid.</summary>
    private StmtFn Extractor(HeaderLoc h, NarrowFn? varbitBits, NarrowFn? dynamicIndexCheck)
    {
        var (before, varbit, varbitOffset, after, fixedBits) = HeaderShape(h);
        ulong tooShort = (ulong)ErrorCode("PacketTooShort");
        ulong headerTooShort = (ulong)ErrorCode("HeaderTooShort");
        StmtFn valid = SetValidity(h, true);
        string name = h.Header.Name;
        _ = dynamicIndexCheck;
        if (varbit is null)
        {
            // Fast path: precomputed (slot, offset, width) triples for narrow fields.
            if (before.All(f => f.Loc is ScalarLoc))
            {
                int[] slots = [.. before.Select(f => ((ScalarLoc)f.Loc).Slot)];
                int[] offsets = [.. before.Select(f => f.Offset)];
                int[] widths = [.. before.Select(f => ((ScalarLoc)f.Loc).Width)];
                int validSlot = h.ValidSlot;
                bool hasSiblings = h.Siblings.Length > 0;
                return s =>
                {
                    int start = s.Cursor;
                    if (start + fixedBits > s.Data.Length * 8)
                    {
                        s.ParserError = tooShort;
                        s.Trace?.Add($"extract {name}: packet too short");
                        return Flow.Reject;
                    }

                    byte[] data = s.Data;
                    ulong[] cells = s.S;
                    for (int i = 0; i < slots.Length; i++)
                    {
                        cells[slots[i]] = Bits.Read(data, start + offsets[i], widths[i]);
                    }

                    if (hasSiblings)
                    {
                        valid(s);
                    }
                    else
                    {
                        cells[validSlot] = 1;
                    }

                    s.Cursor = start + fixedBits;
                    return Flow.Next;
                };
            }

            return s =>
            {
                int start = s.Cursor;
                if (start + fixedBits > s.Data.Length * 8)
                {
                    s.ParserError = tooShort;
                    return Flow.Reject;
                }

                ReadFields(s, before, start);
                valid(s);
                s.Cursor = start + fixedBits;
                return Flow.Next;
            };
        }

        if (varbitBits is null)
        {
            throw new CompileException($"header '{name}' has a varbit field: extract it with extract(hdr, length_in_bits)");
        }

        int max = varbit.MaxWidth;
        int cell = varbit.Index, lengthSlot = varbit.LengthSlot;
        return s =>
        {
            int start = s.Cursor;
            ulong bits = varbitBits(s);
            if (bits > (ulong)max)
            {
                s.ParserError = headerTooShort;
                return Flow.Reject;
            }

            int vb = (int)bits;
            if (start + fixedBits + vb > s.Data.Length * 8)
            {
                s.ParserError = tooShort;
                return Flow.Reject;
            }

            ReadFields(s, before, start);
            byte[] target = s.V[cell];
            Array.Clear(target);
            Bits.Copy(s.Data, start + varbitOffset, target, 0, vb);
            s.S[lengthSlot] = (ulong)vb;
            ReadFields(s, after, start + vb);
            valid(s);
            s.Cursor = start + fixedBits + vb;
            return Flow.Next;
        };
    }

    private StmtFn Extract(ExternMethodCall call, Ctx c)
    {
        BoundExpression target = Arg(call, 0);
        NarrowFn? varbitBits = call.Arguments.Count > 1 ? Value(Arg(call, 1), c).AsNarrow() : null;
        LValue lv = LValueOf(target, c);
        if (lv.Static is HeaderLoc h)
        {
            return Extractor(h, varbitBits, null);
        }

        if (lv.Elements is { } elements && lv.Index is { } index)
        {
            StmtFn[] per = [.. elements.Select(e => Extractor((HeaderLoc)e, varbitBits, null))];
            ulong outOfBounds = (ulong)ErrorCode("StackOutOfBounds");
            bool isNext = target is StackPropertyExpression { Property: StackProperty.Next };
            int nextSlot = isNext ? ((StackLoc)StaticLoc(LValueOf(((StackPropertyExpression)target).Stack, c), target)).NextIndexSlot : -1;
            return s =>
            {
                ulong i = index(s);
                if (i >= (ulong)per.Length)
                {
                    s.ParserError = outOfBounds;
                    return Flow.Reject;
                }

                int r = per[i](s);
                if (r == Flow.Next && nextSlot >= 0)
                {
                    s.S[nextSlot]++;
                }

                return r;
            };
        }

        throw new CompileException($"extract needs a header, not '{target.Type}'");
    }

    private Val LookaheadValue(ExternMethodCall call)
    {
        P4Type type = call.Type;
        int width = Types.Width(type);
        ulong tooShort = (ulong)ErrorCode("PacketTooShort");
        if (width <= 64)
        {
            return Val.Narrow(
                s =>
                {
                    if (s.Cursor + width > s.Data.Length * 8)
                    {
                        s.ParserError = tooShort;
                        s.Rejected = true;
                        return 0;
                    }

                    return Bits.Read(s.Data, s.Cursor, width);
                },
                width,
                Types.IsSigned(type));
        }

        return Val.Wide(
            s =>
            {
                if (s.Cursor + width > s.Data.Length * 8)
                {
                    s.ParserError = tooShort;
                    s.Rejected = true;
                    return BigInteger.Zero;
                }

                return Bits.ReadWide(s.Data, s.Cursor, width);
            },
            width,
            Types.IsSigned(type));
    }

    /// <summary><c>dst = packet.lookahead&lt;H&gt;()</c> for a header or struct type: fields read in place, the cursor unchanged.</summary>
    private StmtFn Lookahead(Loc dst, ExternMethodCall call, Ctx c)
    {
        _ = c;
        if (dst is not HeaderLoc h)
        {
            throw new CompileException($"lookahead<{call.Type}> into '{dst.Type}' is not supported");
        }

        var (before, varbit, _, _, fixedBits) = HeaderShape(h);
        if (varbit is not null)
        {
            throw new CompileException("lookahead of a header with a varbit field is not supported");
        }

        ulong tooShort = (ulong)ErrorCode("PacketTooShort");
        StmtFn valid = SetValidity(h, true);
        return s =>
        {
            if (s.Cursor + fixedBits > s.Data.Length * 8)
            {
                s.ParserError = tooShort;
                s.Rejected = true;
                return Flow.Reject;
            }

            ReadFields(s, before, s.Cursor);
            return valid(s);
        };
    }

    /// <summary><c>packet.emit(x)</c>: valid headers of x in order, appended at the emit cursor.</summary>
    private StmtFn Emit(BoundExpression argument, Ctx c)
    {
        LValue lv = LValueOf(argument, c);
        Loc loc = StaticLoc(lv, argument);
        var parts = new List<StmtFn>();
        void Walk(Loc l)
        {
            switch (l)
            {
                case HeaderLoc h:
                    parts.Add(Emitter(h));
                    break;
                case StructLoc st:
                    foreach (Loc f in st.Fields)
                    {
                        Walk(f);
                    }

                    break;
                case StackLoc sl:
                    foreach (Loc e in sl.Elements)
                    {
                        Walk(e);
                    }

                    break;
                default:
                    throw new CompileException($"emit needs headers, not '{l.Type}'");
            }
        }

        Walk(loc);
        StmtFn all = Sequence(parts);
        if (lv.Prologue is { } pro)
        {
            return s =>
            {
                pro(s);
                return all(s);
            };
        }

        return all;
    }

    private StmtFn Emitter(HeaderLoc h)
    {
        var (before, varbit, _, after, fixedBits) = HeaderShape(h);
        _emitBits += fixedBits + (varbit?.MaxWidth ?? 0);
        EmitBuffer buffer = _emitBuffer;
        int validSlot = h.ValidSlot;
        string name = h.Header.Name;
        if (varbit is null && before.All(f => f.Loc is ScalarLoc))
        {
            // The fields are contiguous (no varbit), so they stream out in order.
            int[] slots = [.. before.Select(f => ((ScalarLoc)f.Loc).Slot)];
            int[] widths = [.. before.Select(f => ((ScalarLoc)f.Loc).Width)];
            return s =>
            {
                if (s.S[validSlot] == 0)
                {
                    return Flow.Next;
                }

                int start = s.Cursor;
                Bits.WriteCells(buffer.Buffer, start, s.S, slots, widths);
                s.Cursor = start + fixedBits;
                return Flow.Next;
            };
        }

        return s =>
        {
            if (s.S[validSlot] == 0)
            {
                return Flow.Next;
            }

            byte[] output = buffer.Buffer;
            int start = s.Cursor;
            WriteFields(s, output, before, start);
            int vb = 0;
            if (varbit is not null)
            {
                vb = (int)s.S[varbit.LengthSlot];
                Bits.Copy(s.V[varbit.Index], 0, output, start + before.Sum(f => Width(f.Loc)), vb);
            }

            WriteFields(s, output, after, start + vb);
            s.Cursor = start + fixedBits + vb;
            _ = name;
            return Flow.Next;
        };
    }

    private static int Width(Loc loc) => loc switch { ScalarLoc s => s.Width, WideLoc w => w.Width, _ => 0 };

    private static void WriteFields(PacketState s, byte[] output, List<(int Offset, Loc Loc)> fields, int start)
    {
        foreach ((int offset, Loc loc) in fields)
        {
            if (loc is ScalarLoc sl)
            {
                Bits.Write(output, start + offset, sl.Width, s.S[sl.Slot]);
            }
            else
            {
                var wl = (WideLoc)loc;
                Bits.WriteWide(output, start + offset, wl.Width, s.W[wl.Index]);
            }
        }
    }
}
