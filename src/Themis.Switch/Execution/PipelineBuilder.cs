using System.Numerics;
using Themis.P4.Checking;
using Themis.P4.Semantics;
using Themis.Switch.Pipeline;
using P4InfoMessage = global::P4.Config.V1.P4Info;

namespace Themis.Switch.Execution;

/// <summary>
/// Turns a checked v1model program into closures bound to one <see cref="SwitchState"/>. Every name
/// is resolved here: fields become array cells, tables and externs become object references, and
/// user actions, functions and sub-blocks are inlined per call site (as p4c does for BMv2), so
/// nothing is looked up per packet.
/// </summary>
internal sealed partial class PipelineBuilder
{
    private readonly CheckedProgram _program;
    private readonly SwitchState _state;
    private readonly StorageAllocator _alloc = new();
    private readonly Dictionary<string, uint> _tableIds;
    private readonly Dictionary<string, uint> _registerIds;
    private readonly Dictionary<string, uint> _counterIds;
    private readonly Dictionary<string, uint> _meterIds;
    private readonly Dictionary<string, uint> _digestIds;
    private readonly Dictionary<(TableDeclaration, Scope), TableRuntime> _tables = [];
    private readonly byte[] _scratch = new byte[4096];
    private readonly Random _random = new();
    private StructLoc _standardMetadata = null!;
    private readonly EmitBuffer _emitBuffer = new();
    private int _emitBits;

    public PipelineBuilder(CheckedProgram program, SwitchState state)
    {
        _program = program;
        _state = state;
        P4InfoMessage p4 = state.Definition.P4Info;
        _tableIds = p4.Tables.ToDictionary(t => t.Preamble.Name, t => t.Preamble.Id);
        _registerIds = p4.Registers.ToDictionary(r => r.Preamble.Name, r => r.Preamble.Id);
        _counterIds = p4.Counters.ToDictionary(r => r.Preamble.Name, r => r.Preamble.Id);
        _meterIds = p4.Meters.ToDictionary(r => r.Preamble.Name, r => r.Preamble.Id);
        _digestIds = p4.Digests.ToDictionary(r => r.Preamble.Name, r => r.Preamble.Id);
    }

    public CompiledPipeline Build()
    {
        V1SwitchPackage main = _program.Main;

        // Headers first: cells [0, header end) are what replicas keep and what a parse resets.
        Loc headers = _alloc.Allocate(main.Headers);
        int headerNarrow = _alloc.NarrowCount, headerWide = _alloc.WideCount, headerVarbit = _alloc.VarbitCount;
        Loc meta = _alloc.Allocate(main.Metadata);
        _standardMetadata = (StructLoc)_alloc.Allocate(main.StandardMetadata);
        var fieldLists = FieldLists(main.Metadata, meta);

        Scope Bind(IP4Block block, params Loc[] locs)
        {
            var scope = new Scope(null);
            for (int i = 0; i < block.Parameters.Count && i < locs.Length; i++)
            {
                scope.Bind(block.Parameters[i].Variable ?? throw new CompileException($"parameter {block.Parameters[i].Name} of {block.Name} has no variable"), locs[i]);
            }

            return scope;
        }

        var packetIn = new ExternLoc(main.Parser.Parameters[0].Type);
        var packetOut = new ExternLoc(main.Deparser.Parameters[0].Type);
        ParserMachine parser = CompileParser(main.Parser, Bind(main.Parser, packetIn, headers, meta, _standardMetadata), "parser");
        StmtFn verify = CompileControl(main.VerifyChecksum, Bind(main.VerifyChecksum, headers, meta));
        StmtFn ingress = CompileControl(main.Ingress, Bind(main.Ingress, headers, meta, _standardMetadata));
        StmtFn egress = CompileControl(main.Egress, Bind(main.Egress, headers, meta, _standardMetadata));
        StmtFn compute = CompileControl(main.ComputeChecksum, Bind(main.ComputeChecksum, headers, meta));
        _emitBits = 0;
        StmtFn deparser = CompileControl(main.Deparser, Bind(main.Deparser, packetOut, headers));

        _emitBuffer.Buffer = new byte[((_emitBits + 7) / 8) + 8];
        var layout = new StateLayout
        {
            Narrow = _alloc.NarrowCount,
            Wide = _alloc.WideCount,
            VarbitBytes = [.. _alloc.VarbitBytes],
            HeaderNarrowEnd = headerNarrow,
            HeaderWideEnd = headerWide,
            HeaderVarbitEnd = headerVarbit,
            FieldLists = fieldLists,
        };
        return new CompiledPipeline(layout, parser, verify, ingress, egress, compute, deparser, new StandardMetadataSlots(_standardMetadata), _emitBuffer, _program.Errors);
    }

    /// <summary>The cells each <c>@field_list(n)</c> annotation on user metadata (at any depth) names.</summary>
    private static Dictionary<int, (int[] Narrow, int[] Wide, int[] Varbit)> FieldLists(StructType type, Loc loc)
    {
        var lists = new Dictionary<int, (List<int> N, List<int> W, List<int> V)>();
        void Walk(StructType t, Loc l)
        {
            Loc[] fields = l switch { StructLoc s => s.Fields, HeaderLoc h => h.Fields, _ => [] };
            foreach (Field f in t.Fields)
            {
                Loc fl = fields[f.Index];
                foreach (BigInteger index in f.Annotations.GetIntegers("field_list"))
                {
                    if (!lists.TryGetValue((int)index, out var cells))
                    {
                        cells = ([], [], []);
                        lists[(int)index] = cells;
                    }

                    fl.Flatten(cells.N, cells.W, cells.V);
                }

                if (f.Type is StructType inner)
                {
                    Walk(inner, fl);
                }
            }
        }

        Walk(type, loc);
        return lists.ToDictionary(p => p.Key, p => (p.Value.N.Distinct().ToArray(), p.Value.W.Distinct().ToArray(), p.Value.V.Distinct().ToArray()));
    }

    private StmtFn CompileControl(ControlDeclaration control, Scope scope)
    {
        var ctx = new Ctx(scope, null, false, scope, control.Name);
        var parts = new List<StmtFn>();
        foreach (BoundStatement init in control.LocalInitializers)
        {
            parts.Add(Statement(init, ctx));
        }

        parts.Add(Statement(control.Apply, ctx));
        StmtFn body = Sequence(parts);
        return s =>
        {
            s.Exited = false;
            body(s);
            return Flow.Next;
        };
    }

    private int ErrorCode(string name)
    {
        int code = _program.Errors.IndexOf(name);
        return code < 0 ? 0 : code;
    }

    private Loc StandardField(string name) =>
        _standardMetadata.Fields[_standardMetadata.Struct.GetField(name)?.Index ?? throw new CompileException($"standard_metadata has no field '{name}'")];

    private int StandardSlot(string name) => ((ScalarLoc)StandardField(name)).Slot;
}
