using System.Globalization;
using System.Numerics;
using System.Text;
using Google.Protobuf;
using Themis.P4.Semantics;
using Themis.P4Runtime.Encoding;
using Themis.Switch.Pipeline;
using Themis.Switch.Runtime.Externs;
using Themis.Switch.Runtime.Tables;
using V1 = global::P4.V1;

namespace Themis.Switch.Execution;

/// <content>v1model extern functions and extern object methods, with BMv2's semantics.</content>
internal sealed partial class PipelineBuilder
{
    private static BoundExpression Arg(CallExpression call, string name) =>
        call.Arguments.FirstOrDefault(a => a.Parameter.Name == name)?.Value ?? throw new CompileException($"'{call}' has no argument '{name}'");

    private static BoundExpression Arg(CallExpression call, int index) =>
        index < call.Arguments.Count ? call.Arguments[index].Value : throw new CompileException($"'{call}' needs {index + 1} arguments");

    private StmtFn ExternFunctionStatement(ExternFunctionCall call, Ctx c)
    {
        string name = call.Function.Name;
        switch (name)
        {
            case "mark_to_drop":
                {
                    int spec = StandardSlot("egress_spec"), mcast = StandardSlot("mcast_grp");
                    return s =>
                    {
                        // v1model.p4: egress_spec = drop port, mcast_grp = 0.
                        s.S[spec] = SwitchConstants.DropPort;
                        s.S[mcast] = 0;
                        s.Trace?.Add("mark_to_drop");
                        return Flow.Next;
                    };
                }

            case "verify":
                {
                    NarrowFn check = Value(Arg(call, 0), c).AsNarrow();
                    NarrowFn error = Value(Arg(call, 1), c).AsNarrow();
                    return s =>
                    {
                        if (check(s) != 0)
                        {
                            return Flow.Next;
                        }

                        s.ParserError = error(s);
                        return Flow.Reject;
                    };
                }

            case "hash":
                return Hash(call, c);
            case "random":
                {
                    NarrowFn lo = Value(Arg(call, "lo"), c).AsNarrow(), hi = Value(Arg(call, "hi"), c).AsNarrow();
                    Random random = _random;
                    StmtFn store = AssignScalar(LValueOf(Arg(call, "result"), c), Val.Narrow(
                        s =>
                        {
                            ulong l = lo(s), h = hi(s);
                            return h <= l ? l : l + (ulong)random.NextInt64(0, (long)Math.Min(h - l, long.MaxValue - 1) + 1);
                        },
                        64,
                        false));
                    return store;
                }

            case "digest":
                return Digest(call, c);
            case "clone" or "clone_preserving_field_list":
                {
                    NarrowFn session = Value(Arg(call, "session"), c).AsNarrow();
                    int list = name == "clone" ? -1 : (int)(Value(Arg(call, "index"), c).Constant ?? throw new CompileException("the field list index must be a constant"));
                    return s =>
                    {
                        uint id = (uint)session(s);
                        s.Packet!.Clone = new CloneRequest(id, list);
                        s.Trace?.Add($"clone to session {id}{(list >= 0 ? $", field list {list}" : string.Empty)}");
                        return Flow.Next;
                    };
                }

            case "resubmit_preserving_field_list" or "recirculate_preserving_field_list":
                {
                    int list = (int)(Value(Arg(call, "index"), c).Constant ?? throw new CompileException("the field list index must be a constant"));
                    bool resubmit = name.StartsWith("resubmit", StringComparison.Ordinal);
                    return s =>
                    {
                        if (resubmit)
                        {
                            s.Packet!.ResubmitFieldList = list;
                        }
                        else
                        {
                            s.Packet!.RecirculateFieldList = list;
                        }

                        return Flow.Next;
                    };
                }

            case "resubmit" or "recirculate" or "clone3":
                throw new CompileException($"'{name}' with a data argument is deprecated and not supported; use {name.TrimEnd('3')}_preserving_field_list with a @field_list annotation");
            case "truncate":
                {
                    NarrowFn length = Value(Arg(call, 0), c).AsNarrow();
                    return s =>
                    {
                        s.Packet!.TruncateLength = (uint)length(s);
                        return Flow.Next;
                    };
                }

            case "assert" or "assume":
                {
                    NarrowFn check = Value(Arg(call, 0), c).AsNarrow();
                    string where = _program.Locate(call.Span).ToString();
                    return s => check(s) != 0 ? Flow.Next : throw new P4AssertionException($"{name} failed at {where}");
                }

            case "log_msg":
                return LogMessage(call, c);
            case "verify_checksum" or "verify_checksum_with_payload" or "update_checksum" or "update_checksum_with_payload":
                return Checksum(call, c, name.StartsWith("verify", StringComparison.Ordinal), name.EndsWith("_with_payload", StringComparison.Ordinal));
            case "static_assert":
                return _ => Flow.Next;
            default:
                throw new CompileException($"the extern function '{name}' is not supported");
        }
    }

    private static HashAlgorithm Algorithm(BoundExpression e) => e is EnumMemberExpression em
        ? em.Member switch
        {
            "crc32" => HashAlgorithm.Crc32,
            "crc32_custom" => HashAlgorithm.Crc32Custom,
            "crc16" => HashAlgorithm.Crc16,
            "crc16_custom" => HashAlgorithm.Crc16Custom,
            "random" => HashAlgorithm.Random,
            "identity" => HashAlgorithm.Identity,
            "csum16" => HashAlgorithm.Csum16,
            "xor16" => HashAlgorithm.Xor16,
            _ => throw new CompileException($"hash algorithm '{em.Member}' is not implemented"),
        }
        : throw new CompileException("the hash algorithm must be a HashAlgorithm constant");

    /// <summary>The values a field list (list, struct, header or l-value of them) consists of, in order.</summary>
    private List<PackPart> FlattenData(BoundExpression e, Ctx c)
    {
        switch (e)
        {
            case ListExpression l:
                return [.. l.Elements.SelectMany(x => FlattenData(x, c))];
            case StructExpression st:
                return [.. st.Fields.SelectMany(x => FlattenData(x, c))];
        }

        if (Types.IsScalar(e.Type))
        {
            if (e is VariableExpression or FieldExpression && Types.Width(e.Type) <= 64
                && LValueOf(e, c) is { Static: ScalarLoc cell, Prologue: null })
            {
                return [PackPart.Of(Value(e, c)) with { Slot = cell.Slot }];
            }

            return [PackPart.Of(Value(e, c))];
        }

        LValue lv = LValueOf(e, c);
        var result = new List<PackPart>();
        void Walk(Loc loc)
        {
            switch (loc)
            {
                case ScalarLoc scalar:
                    result.Add(PackPart.Of(Read(LValue.Of(loc), loc.Type)) with { Slot = scalar.Slot });
                    break;
                case WideLoc:
                    result.Add(PackPart.Of(Read(LValue.Of(loc), loc.Type)));
                    break;
                case VarbitLoc v:
                    result.Add(new PackPart(null, v));
                    break;
                case HeaderLoc h:
                    foreach (Loc f in h.Fields)
                    {
                        Walk(f);
                    }

                    break;
                case StructLoc st:
                    foreach (Loc f in st.Fields)
                    {
                        Walk(f);
                    }

                    break;
                case StackLoc sl:
                    foreach (Loc x in sl.Elements)
                    {
                        Walk(x);
                    }

                    break;
                default:
                    throw new CompileException($"'{e}' contains a field that cannot be part of a field list");
            }
        }

        Walk(StaticLoc(lv, e));
        if (lv.Prologue is { } pro)
        {
            result.Insert(0, PackPart.Of(Val.Narrow(s => { pro(s); return 0; }, 0, false)));
        }

        return result;
    }

    /// <summary>Scalar values only (digests, log_msg).</summary>
    private List<Val> FlattenScalars(BoundExpression e, Ctx c) =>
        [.. FlattenData(e, c).Select(p => p.Value ?? throw new CompileException($"'{e}' has a varbit field, which is not supported here"))];

    private StmtFn Hash(ExternFunctionCall call, Ctx c)
    {
        HashAlgorithm algorithm = Algorithm(Arg(call, "algo"));
        var packer = new FieldPacker([.. FlattenData(Arg(call, "data"), c)]);
        NarrowFn baseValue = Value(Arg(call, "base"), c).AsNarrow();
        NarrowFn max = Value(Arg(call, "max"), c).AsNarrow();
        byte[] scratch = _scratch;
        if (packer.MaxBytes > scratch.Length)
        {
            throw new CompileException($"the hash input of {packer.MaxBytes} bytes is too large");
        }

        // BMv2 (modify_field_with_hash_based_offset): base + hash % max; max 0 keeps the whole hash.
        return AssignScalar(LValueOf(Arg(call, "result"), c), Val.Narrow(
            s =>
            {
                int n = packer.Pack(s, scratch);
                ulong h = Hashes.Compute(algorithm, scratch.AsSpan(0, n));
                ulong m = max(s);
                return baseValue(s) + (m == 0 ? h : h % m);
            },
            64,
            false));
    }

    private StmtFn Checksum(ExternFunctionCall call, Ctx c, bool verify, bool withPayload)
    {
        NarrowFn condition = Value(Arg(call, "condition"), c).AsNarrow();
        HashAlgorithm algorithm = Algorithm(Arg(call, "algo"));
        var packer = new FieldPacker([.. FlattenData(Arg(call, "data"), c)]);
        BoundExpression target = Arg(call, "checksum");
        Val current = Value(target, c);
        NarrowFn read = current.AsNarrow();
        ulong mask = Types.Mask(current.Width);
        byte[] scratch = _scratch;
        ulong Compute(PacketState s)
        {
            int n = packer.Pack(s, scratch);
            if (!withPayload)
            {
                return Hashes.Compute(algorithm, scratch.AsSpan(0, n)) & mask;
            }

            int payload = Math.Max(0, s.Data.Length - s.PayloadOffset);
            byte[] all = n + payload <= scratch.Length ? scratch : new byte[n + payload];
            if (!ReferenceEquals(all, scratch))
            {
                scratch.AsSpan(0, n).CopyTo(all);
            }

            s.Data.AsSpan(s.PayloadOffset, payload).CopyTo(all.AsSpan(n));
            return Hashes.Compute(algorithm, all.AsSpan(0, n + payload)) & mask;
        }

        if (verify)
        {
            int error = StandardSlot("checksum_error");
            return s =>
            {
                if (condition(s) != 0 && Compute(s) != read(s))
                {
                    s.S[error] = 1;
                    s.Trace?.Add("verify_checksum: mismatch");
                }

                return Flow.Next;
            };
        }

        StmtFn store = AssignScalar(LValueOf(target, c), Val.Narrow(Compute, current.Width, false));
        return s => condition(s) != 0 ? store(s) : Flow.Next;
    }

    private StmtFn LogMessage(ExternFunctionCall call, Ctx c)
    {
        string format = Arg(call, 0) is LiteralExpression { Value: string text } ? text : throw new CompileException("log_msg needs a string literal");
        Val[] values = call.Arguments.Count > 1 ? [.. FlattenScalars(Arg(call, 1), c)] : [];
        return s =>
        {
            if (s.Trace is not { } trace)
            {
                return Flow.Next;
            }

            var sb = new StringBuilder();
            int next = 0;
            for (int i = 0; i < format.Length; i++)
            {
                if (format[i] == '{' && i + 1 < format.Length && format[i + 1] == '}' && next < values.Length)
                {
                    Val v = values[next++];
                    sb.Append(v.IsWide ? v.W!(s).ToString(CultureInfo.InvariantCulture) : v.N!(s).ToString(CultureInfo.InvariantCulture));
                    i++;
                }
                else
                {
                    sb.Append(format[i]);
                }
            }

            trace.Add("log_msg: " + sb);
            return Flow.Next;
        };
    }

    private StmtFn Digest(ExternFunctionCall call, Ctx c)
    {
        if (call.TypeArguments.Count != 1 || call.TypeArguments[0] is not StructType type)
        {
            throw new CompileException("digest needs a struct type argument");
        }

        if (!_digestIds.TryGetValue(type.Name, out uint id))
        {
            throw new CompileException($"digest '{type.Name}' is not in the P4Info");
        }

        Val[] values = [.. FlattenScalars(Arg(call, "data"), c)];
        int[] widths = [.. values.Select(v => v.Width)];
        return s =>
        {
            var members = new V1.P4StructLike();
            for (int i = 0; i < values.Length; i++)
            {
                Val v = values[i];
                BigInteger value = v.IsWide ? v.W!(s) : v.N!(s);
                byte[] padded = Bits.ToBytes(value, (widths[i] + 7) / 8);
                members.Members.Add(new V1.P4Data { Bitstring = P4Bytes.Canonicalize(padded, widths[i]) });
            }

            s.Packet!.Digests.Add(new DigestSample(id, new V1.P4Data { Struct = members }));
            return Flow.Next;
        };
    }

    private StmtFn ExternMethodStatement(ExternMethodCall call, Ctx c)
    {
        string type = call.ExternType.Declaration.Name;
        string method = call.Method.Name;
        switch (type, method)
        {
            case ("packet_in", "extract"):
                return Extract(call, c);
            case ("packet_in", "advance"):
                {
                    NarrowFn bits = Value(Arg(call, 0), c).AsNarrow();
                    int tooShort = ErrorCode("PacketTooShort");
                    return s =>
                    {
                        long end = s.Cursor + (long)bits(s);
                        if (end > (long)s.Data.Length * 8)
                        {
                            s.ParserError = (ulong)tooShort;
                            return Flow.Reject;
                        }

                        s.Cursor = (int)end;
                        return Flow.Next;
                    };
                }

            case ("packet_in", "lookahead") or ("packet_in", "length"):
                {
                    NarrowFn v = ExternValue(call, c).AsNarrow();
                    return s =>
                    {
                        v(s);
                        return Flow.Next;
                    };
                }

            case ("packet_out", "emit"):
                return Emit(Arg(call, 0), c);
            case ("register", "read"):
                {
                    RegisterArray register = _state.Registers[ExternId(call, _registerIds)];
                    NarrowFn index = Value(Arg(call, "index"), c).AsNarrow();
                    LValue result = LValueOf(Arg(call, "result"), c);
                    return register.IsWide
                        ? AssignScalar(result, Val.Wide(s => register.ReadWide(index(s)), register.BitWidth, false))
                        : AssignScalar(result, Val.Narrow(s => register.Read(index(s)), register.BitWidth, false));
                }

            case ("register", "write"):
                {
                    RegisterArray register = _state.Registers[ExternId(call, _registerIds)];
                    NarrowFn index = Value(Arg(call, "index"), c).AsNarrow();
                    Val value = Value(Arg(call, "value"), c);
                    if (register.IsWide)
                    {
                        WideFn w = value.AsWide();
                        return s =>
                        {
                            register.WriteWide(index(s), w(s));
                            return Flow.Next;
                        };
                    }

                    NarrowFn n = value.AsNarrow();
                    return s =>
                    {
                        register.Write(index(s), n(s));
                        return Flow.Next;
                    };
                }

            case ("counter", "count"):
                {
                    CounterArray counter = _state.Counters[ExternId(call, _counterIds)];
                    NarrowFn index = Value(Arg(call, "index"), c).AsNarrow();
                    int length = StandardSlot("packet_length");
                    return s =>
                    {
                        counter.TryCount(index(s), (int)s.S[length]);
                        return Flow.Next;
                    };
                }

            case ("direct_counter", "count"):
                // BMv2 counts the hit entry's direct counter when the table is applied.
                return _ => Flow.Next;
            case ("meter", "execute_meter"):
                {
                    MeterArray meter = _state.Meters[ExternId(call, _meterIds)];
                    NarrowFn index = Value(Arg(call, "index"), c).AsNarrow();
                    int length = StandardSlot("packet_length");
                    return AssignScalar(LValueOf(Arg(call, "result"), c), Val.Narrow(s => (ulong)meter.Execute(index(s), (int)s.S[length]), 2, false));
                }

            case ("direct_meter", "read"):
                {
                    StmtFn store = AssignScalar(LValueOf(Arg(call, "result"), c), Val.Narrow(s => s.DirectMeterColor, 2, false));
                    return s => s.DirectMeterValid ? store(s) : Flow.Next;
                }

            default:
                throw new CompileException($"'{type}.{method}' is not supported");
        }
    }

    private static uint ExternId(ExternMethodCall call, Dictionary<string, uint> ids)
    {
        if (call.Target is not InstanceExpression instance)
        {
            throw new CompileException($"'{call}' must be called on an extern instance");
        }

        return ids.TryGetValue(instance.Instance.ControlPlaneName, out uint id)
            ? id
            : throw new CompileException($"'{instance.Instance.ControlPlaneName}' is not in the P4Info");
    }

    private Val ExternValue(CallExpression call, Ctx c)
    {
        if (call is ExternMethodCall { ExternType.Declaration.Name: "packet_in" } m)
        {
            switch (m.Method.Name)
            {
                case "lookahead":
                    return LookaheadValue(m);
                case "length":
                    return Val.Narrow(s => (ulong)s.Data.Length, 32, false);
            }
        }

        throw new CompileException($"'{call}' cannot be used as a value");
    }
}
