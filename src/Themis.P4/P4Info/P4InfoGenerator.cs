using System.Numerics;
using Google.Protobuf;
using P4.Config.V1;
using Themis.P4.Checking;
using Themis.P4.Semantics;
using Themis.P4.Syntax;
using Themis.P4.Text;
using Themis.P4Runtime.TextFormat;
using ExternInstance = Themis.P4.Semantics.ExternInstance;

namespace Themis.P4.P4Info;

/// <summary>
/// Builds the P4Runtime P4Info of a checked v1model program the way p4c's P4Runtime serializer
/// does: same names, ids (see <see cref="P4RuntimeIds"/>), aliases (shortest unique suffix),
/// fields, and each list sorted by id.
/// </summary>
public sealed class P4InfoGenerator
{
    private readonly CheckedProgram _program;
    private readonly HashSet<uint> _taken = [];
    private readonly Dictionary<(uint, string), uint> _ids = [];
    private readonly SuffixSet _suffixes = new();
    private readonly List<Diagnostic> _diagnostics = [];

    private P4InfoGenerator(CheckedProgram program)
    {
        _program = program;
    }

    /// <summary>Problems found while assigning ids (duplicate or mis-prefixed <c>@id</c>).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    /// <summary>Builds the P4Info of <paramref name="program"/>.</summary>
    public static global::P4.Config.V1.P4Info Generate(CheckedProgram program) => Generate(program, out _);

    /// <summary>Builds the P4Info; <paramref name="diagnostics"/> gets problems with <c>@id</c> annotations.</summary>
    public static global::P4.Config.V1.P4Info Generate(CheckedProgram program, out IReadOnlyList<Diagnostic> diagnostics)
    {
        var g = new P4InfoGenerator(program);
        var info = g.Build();
        diagnostics = g.Diagnostics;
        return info;
    }

    /// <summary>The P4Info in protobuf text format, as p4c writes it with <c>--p4runtime-files x.txtpb</c>.</summary>
    public static string ToText(global::P4.Config.V1.P4Info info) => TextFormatPrinter.Print(info);

    private sealed record Symbol(uint Prefix, string Name, IReadOnlyList<Annotation> Annotations, TextSpan Span);

    private global::P4.Config.V1.P4Info Build()
    {
        var main = _program.Main;
        var controls = main.AllControls.ToList();
        var tables = controls.SelectMany(c => c.Tables).ToList();
        var usedActions = CollectUsedActions(controls);
        // Top-level extern instances first, then those of each control (p4c lists both).
        var instances = _program.GlobalInstances.Concat(controls.SelectMany(c => c.Instances)).ToList();
        var digests = CollectDigests(controls);
        var controllerHeaders = _program.Types.OfType<StructType>().Where(t => t.IsHeader && t.Annotations.Has("controller_header")).ToList();

        // p4c: symbols with @id first (in collection order), then per resource type in sorted name order.
        var symbols = new List<Symbol>();
        foreach (var a in usedActions)
        {
            symbols.Add(new Symbol(P4RuntimeIds.Action, a.ControlPlaneName, a.Annotations, a.Span));
        }
        foreach (var t in tables)
        {
            symbols.Add(new Symbol(P4RuntimeIds.Table, t.ControlPlaneName, t.Annotations, t.Span));
        }
        foreach (var i in instances)
        {
            var prefix = ExternPrefix(i);
            if (prefix != 0)
            {
                symbols.Add(new Symbol(prefix, i.ControlPlaneName, i.Annotations, i.Span));
            }
        }
        foreach (var (name, _) in digests)
        {
            symbols.Add(new Symbol(P4RuntimeIds.Digest, name, [], default));
        }
        foreach (var h in controllerHeaders)
        {
            symbols.Add(new Symbol(P4RuntimeIds.ControllerHeader, ControlPlaneNameOf(h.Name, h.Annotations), h.Annotations, default));
        }
        foreach (var s in symbols)
        {
            if (_ids.ContainsKey((s.Prefix, s.Name)))
            {
                continue;
            }
            _suffixes.Add(s.Name);
            var explicitId = s.Annotations.GetInteger("id");
            if (explicitId is { } raw)
            {
                uint id = (uint)(raw & uint.MaxValue);
                uint prefixBits = id & 0xFF000000;
                if (prefixBits != 0 && prefixBits != s.Prefix << 24)
                {
                    _diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, _program.Locate(s.Span), $"{s.Name}: @id has the wrong 8-bit prefix (expected 0x{s.Prefix:x2})"));
                    _ids[(s.Prefix, s.Name)] = 0;
                    continue;
                }
                id |= s.Prefix << 24;
                if (!_taken.Add(id))
                {
                    _diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, _program.Locate(s.Span), $"@id {id} is assigned to multiple declarations"));
                }
                _ids[(s.Prefix, s.Name)] = id;
            }
            else
            {
                _ids[(s.Prefix, s.Name)] = 0;
            }
        }
        foreach (var prefix in symbols.Select(s => s.Prefix).Distinct().Order())
        {
            foreach (var name in _ids.Keys.Where(k => k.Item1 == prefix && _ids[k] == 0).Select(k => k.Item2).Order(StringComparer.Ordinal).ToList())
            {
                uint id = P4RuntimeIds.Compute(prefix, name, _taken);
                _taken.Add(id);
                _ids[(prefix, name)] = id;
            }
        }

        var info = new global::P4.Config.V1.P4Info { PkgInfo = new PkgInfo { Arch = "v1model" } };
        info.Tables.AddRange(tables.Select(BuildTable).OrderBy(t => t.Preamble.Id));
        info.Actions.AddRange(usedActions.Select(BuildAction).OrderBy(a => a.Preamble.Id));
        foreach (var i in instances)
        {
            switch (i.Type.Declaration.Name)
            {
                case "counter":
                    info.Counters.Add(new Counter { Preamble = Preamble(P4RuntimeIds.Counter, i.ControlPlaneName, i.Annotations), Spec = CounterSpecOf(i, "type"), Size = (long)(i.IntegerArgument("size") ?? 0) });
                    break;
                case "direct_counter":
                    info.DirectCounters.Add(new DirectCounter { Preamble = Preamble(P4RuntimeIds.DirectCounter, i.ControlPlaneName, i.Annotations), Spec = CounterSpecOf(i, "type"), DirectTableId = DirectTableId(tables, i) });
                    break;
                case "meter":
                    info.Meters.Add(new Meter { Preamble = Preamble(P4RuntimeIds.Meter, i.ControlPlaneName, i.Annotations), Spec = MeterSpecOf(i), Size = (long)(i.IntegerArgument("size") ?? 0) });
                    break;
                case "direct_meter":
                    info.DirectMeters.Add(new DirectMeter { Preamble = Preamble(P4RuntimeIds.DirectMeter, i.ControlPlaneName, i.Annotations), Spec = MeterSpecOf(i), DirectTableId = DirectTableId(tables, i) });
                    break;
                case "register":
                    info.Registers.Add(new Register { Preamble = Preamble(P4RuntimeIds.Register, i.ControlPlaneName, i.Annotations), TypeSpec = TypeSpec(i.Type.TypeArguments[0], null), Size = (int)(i.IntegerArgument("size") ?? 0) });
                    break;
            }
        }
        SortById(info.Counters, c => c.Preamble.Id);
        SortById(info.DirectCounters, c => c.Preamble.Id);
        SortById(info.Meters, c => c.Preamble.Id);
        SortById(info.DirectMeters, c => c.Preamble.Id);
        SortById(info.Registers, c => c.Preamble.Id);
        var typeInfo = new P4TypeInfo();
        foreach (var h in controllerHeaders)
        {
            var name = h.Annotations.GetString("controller_header") ?? h.Name;
            var cpm = new ControllerPacketMetadata
            {
                Preamble = new Preamble { Id = _ids[(P4RuntimeIds.ControllerHeader, ControlPlaneNameOf(h.Name, h.Annotations))], Name = name, Alias = name },
            };
            cpm.Preamble.Annotations.AddRange(AnnotationTexts(h.Annotations));
            foreach (var f in h.Fields)
            {
                var m = new ControllerPacketMetadata.Types.Metadata { Id = (uint)(f.Annotations.GetInteger("id") ?? f.Index + 1), Name = f.Name, Bitwidth = f.Type.BitWidth ?? 0 };
                m.Annotations.AddRange(AnnotationTexts(f.Annotations));
                cpm.Metadata.Add(m);
            }
            info.ControllerPacketMetadata.Add(cpm);
        }
        SortById(info.ControllerPacketMetadata, c => c.Preamble.Id);
        foreach (var (name, type) in digests)
        {
            info.Digests.Add(new Digest { Preamble = Preamble(P4RuntimeIds.Digest, name, []), TypeSpec = TypeSpec(type, typeInfo) });
        }
        SortById(info.Digests, d => d.Preamble.Id);
        info.TypeInfo = typeInfo;
        return info;
    }

    private static void SortById<T>(Google.Protobuf.Collections.RepeatedField<T> list, Func<T, uint> id)
    {
        var sorted = list.OrderBy(id).ToList();
        list.Clear();
        list.AddRange(sorted);
    }

    private static string ControlPlaneNameOf(string name, IReadOnlyList<Annotation> annotations)
    {
        var n = annotations.GetString("name");
        return n == null ? name : n.TrimStart('.');
    }

    private static uint ExternPrefix(ExternInstance i) => i.Type.Declaration.Name switch
    {
        "counter" => P4RuntimeIds.Counter,
        "direct_counter" => P4RuntimeIds.DirectCounter,
        "meter" => P4RuntimeIds.Meter,
        "direct_meter" => P4RuntimeIds.DirectMeter,
        "register" => P4RuntimeIds.Register,
        "action_profile" or "action_selector" => P4RuntimeIds.ActionProfile,
        _ => 0,
    };

    private uint DirectTableId(List<TableDeclaration> tables, ExternInstance i)
    {
        var t = tables.FirstOrDefault(t => t.DirectCounter == i || t.DirectMeter == i);
        return t == null ? 0 : _ids[(P4RuntimeIds.Table, t.ControlPlaneName)];
    }

    private static CounterSpec CounterSpecOf(ExternInstance i, string parameter) => new()
    {
        Unit = i.EnumArgument(parameter) switch
        {
            "packets" => CounterSpec.Types.Unit.Packets,
            "bytes" => CounterSpec.Types.Unit.Bytes,
            "packets_and_bytes" => CounterSpec.Types.Unit.Both,
            _ => CounterSpec.Types.Unit.Unspecified,
        },
    };

    private static MeterSpec MeterSpecOf(ExternInstance i) => new()
    {
        Unit = i.EnumArgument("type") switch
        {
            "packets" => MeterSpec.Types.Unit.Packets,
            "bytes" => MeterSpec.Types.Unit.Bytes,
            _ => MeterSpec.Types.Unit.Unspecified,
        },
    };

    private Preamble Preamble(uint prefix, string name, IReadOnlyList<Annotation> annotations)
    {
        var p = new Preamble { Id = _ids[(prefix, name)], Name = name, Alias = _suffixes.ShortestUniqueSuffix(name) };
        p.Annotations.AddRange(AnnotationTexts(annotations));
        return p;
    }

    /// <summary>Annotations p4c copies into P4Info: all but the ones it interprets itself, as written.</summary>
    private IEnumerable<string> AnnotationTexts(IReadOnlyList<Annotation> annotations) =>
        annotations.Where(a => a.Name is not ("name" or "id" or "hidden" or "tableonly" or "defaultonly" or "brief" or "description" or "field_list"))
            .Select(a => _program.Source.GetText(a.Span));

    private Table BuildTable(TableDeclaration t)
    {
        var table = new Table { Preamble = Preamble(P4RuntimeIds.Table, t.ControlPlaneName, t.Annotations), Size = t.EffectiveSize };
        foreach (var k in t.Keys)
        {
            var mf = new MatchField { Id = (uint)k.Id, Name = k.Name, Bitwidth = k.BitWidth };
            mf.Annotations.AddRange(AnnotationTexts(k.Annotations));
            switch (k.MatchKind)
            {
                case "exact":
                    mf.MatchType = MatchField.Types.MatchType.Exact;
                    break;
                case "lpm":
                    mf.MatchType = MatchField.Types.MatchType.Lpm;
                    break;
                case "ternary":
                    mf.MatchType = MatchField.Types.MatchType.Ternary;
                    break;
                case "range":
                    mf.MatchType = MatchField.Types.MatchType.Range;
                    break;
                case "optional":
                    mf.MatchType = MatchField.Types.MatchType.Optional;
                    break;
                default:
                    mf.OtherMatchType = k.MatchKind;
                    break;
            }
            table.MatchFields.Add(mf);
        }
        foreach (var r in t.Actions)
        {
            var ar = new ActionRef
            {
                Id = _ids[(P4RuntimeIds.Action, r.Action.ControlPlaneName)],
                Scope = r.Scope switch
                {
                    ActionScope.TableOnly => ActionRef.Types.Scope.TableOnly,
                    ActionScope.DefaultOnly => ActionRef.Types.Scope.DefaultOnly,
                    _ => ActionRef.Types.Scope.TableAndDefault,
                },
            };
            ar.Annotations.AddRange(r.Annotations.Where(a => a.Name != "name").Select(a => _program.Source.GetText(a.Span)));
            table.ActionRefs.Add(ar);
        }
        if (t.IsDefaultActionConst && t.DefaultAction != null)
        {
            table.ConstDefaultActionId = _ids[(P4RuntimeIds.Action, t.DefaultAction.Action.ControlPlaneName)];
        }
        if (t.DirectCounter != null)
        {
            table.DirectResourceIds.Add(_ids[(P4RuntimeIds.DirectCounter, t.DirectCounter.ControlPlaneName)]);
        }
        if (t.DirectMeter != null)
        {
            table.DirectResourceIds.Add(_ids[(P4RuntimeIds.DirectMeter, t.DirectMeter.ControlPlaneName)]);
        }
        if (t.SupportTimeout)
        {
            table.IdleTimeoutBehavior = Table.Types.IdleTimeoutBehavior.NotifyControl;
        }
        if (t.AreEntriesConst)
        {
            table.IsConstTable = true;
        }
        if (t.Entries.Count > 0 && !t.AreEntriesConst)
        {
            table.HasInitialEntries = true;
        }
        return table;
    }

    private global::P4.Config.V1.Action BuildAction(ActionDeclaration a)
    {
        var action = new global::P4.Config.V1.Action { Preamble = Preamble(P4RuntimeIds.Action, a.ControlPlaneName, a.Annotations) };
        int index = 0;
        foreach (var p in a.Parameters)
        {
            if (p.Direction != ParameterDirection.None)
            {
                continue;
            }
            index++;
            var param = new global::P4.Config.V1.Action.Types.Param { Id = (uint)(p.Annotations.GetInteger("id") ?? index), Name = p.Name, Bitwidth = p.Type.BitWidth ?? 0 };
            param.Annotations.AddRange(AnnotationTexts(p.Annotations));
            action.Params.Add(param);
        }
        return action;
    }

    private static P4DataTypeSpec TypeSpec(P4Type type, P4TypeInfo? typeInfo)
    {
        switch (type)
        {
            case BitsType b:
                return new P4DataTypeSpec
                {
                    Bitstring = b.IsSigned
                        ? new P4BitstringLikeTypeSpec { Int = new P4IntTypeSpec { Bitwidth = b.Width } }
                        : new P4BitstringLikeTypeSpec { Bit = new P4BitTypeSpec { Bitwidth = b.Width } },
                };
            case VarbitType v:
                return new P4DataTypeSpec { Bitstring = new P4BitstringLikeTypeSpec { Varbit = new P4VarbitTypeSpec { MaxBitwidth = v.MaxWidth } } };
            case BoolType:
                return new P4DataTypeSpec { Bool = new P4BoolType() };
            case ErrorType:
                return new P4DataTypeSpec { Error = new P4ErrorType() };
            case StructType { Kind: StructKind.Struct } s:
                if (typeInfo != null && !typeInfo.Structs.ContainsKey(s.Name))
                {
                    var spec = new P4StructTypeSpec();
                    typeInfo.Structs[s.Name] = spec;
                    foreach (var f in s.Fields)
                    {
                        spec.Members.Add(new P4StructTypeSpec.Types.Member { Name = f.Name, TypeSpec = TypeSpec(f.Type, typeInfo) });
                    }
                }
                return new P4DataTypeSpec { Struct = new P4NamedType { Name = s.Name } };
            case StructType { Kind: StructKind.Header } h:
                if (typeInfo != null && !typeInfo.Headers.ContainsKey(h.Name))
                {
                    var spec = new P4HeaderTypeSpec();
                    typeInfo.Headers[h.Name] = spec;
                    foreach (var f in h.Fields)
                    {
                        var bits = TypeSpec(f.Type, typeInfo).Bitstring;
                        spec.Members.Add(new P4HeaderTypeSpec.Types.Member { Name = f.Name, TypeSpec = bits ?? new P4BitstringLikeTypeSpec { Bit = new P4BitTypeSpec { Bitwidth = f.Type.BitWidth ?? 0 } } });
                    }
                }
                return new P4DataTypeSpec { Header = new P4NamedType { Name = h.Name } };
            case EnumType { IsSerializable: true } e:
                if (typeInfo != null && !typeInfo.SerializableEnums.ContainsKey(e.Name))
                {
                    var spec = new P4SerializableEnumTypeSpec { UnderlyingType = new P4BitTypeSpec { Bitwidth = e.UnderlyingBits!.Width } };
                    for (int i = 0; i < e.Members.Count; i++)
                    {
                        spec.Members.Add(new P4SerializableEnumTypeSpec.Types.Member { Name = e.Members[i], Value = ByteString.CopyFrom(ToBytes(e.Values[i], e.UnderlyingBits.Width)) });
                    }
                    typeInfo.SerializableEnums[e.Name] = spec;
                }
                return new P4DataTypeSpec { SerializableEnum = new P4NamedType { Name = e.Name } };
            case EnumType e:
                if (typeInfo != null && !typeInfo.Enums.ContainsKey(e.Name))
                {
                    var spec = new P4EnumTypeSpec();
                    spec.Members.AddRange(e.Members.Select(m => new P4EnumTypeSpec.Types.Member { Name = m }));
                    typeInfo.Enums[e.Name] = spec;
                }
                return new P4DataTypeSpec { Enum = new P4NamedType { Name = e.Name } };
            case TupleType t:
                {
                    var spec = new P4TupleTypeSpec();
                    spec.Members.AddRange(t.Elements.Select(x => TypeSpec(x, typeInfo)));
                    return new P4DataTypeSpec { Tuple = spec };
                }
            default:
                return new P4DataTypeSpec();
        }
    }

    private static byte[] ToBytes(BigInteger value, int width)
    {
        if (value.Sign < 0)
        {
            value += BigInteger.One << width;
        }
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        return bytes.Length == 0 ? [0] : bytes;
    }

    /// <summary>Actions p4c keeps (the front end drops unused ones): referenced by a table or called.</summary>
    private List<ActionDeclaration> CollectUsedActions(List<ControlDeclaration> controls)
    {
        var used = new List<ActionDeclaration>();
        void Add(ActionDeclaration a)
        {
            if (!used.Contains(a))
            {
                used.Add(a);
            }
        }
        foreach (var c in controls)
        {
            foreach (var t in c.Tables)
            {
                foreach (var r in t.Actions)
                {
                    Add(r.Action);
                }
                if (t.DefaultAction != null && t.HasExplicitDefaultAction)
                {
                    Add(t.DefaultAction.Action);
                }
            }
            var bodies = new List<BoundStatement> { c.Apply };
            bodies.AddRange(c.Actions.Select(a => a.Body));
            foreach (var e in bodies.SelectMany(BoundTreeWalker.Expressions))
            {
                if (e is ActionCall call)
                {
                    Add(call.Action);
                }
            }
        }
        return used;
    }

    private static List<(string Name, P4Type Type)> CollectDigests(List<ControlDeclaration> controls)
    {
        var list = new List<(string, P4Type)>();
        foreach (var c in controls)
        {
            var bodies = new List<BoundStatement> { c.Apply };
            bodies.AddRange(c.Actions.Select(a => a.Body));
            foreach (var e in bodies.SelectMany(BoundTreeWalker.Expressions))
            {
                if (e is ExternFunctionCall { Function.Name: "digest" } d && d.TypeArguments.Count == 1 && d.TypeArguments[0] is StructType s && !list.Exists(x => x.Item1 == s.Name))
                {
                    list.Add((s.Name, s));
                }
            }
        }
        return list;
    }
}
