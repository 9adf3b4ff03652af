using System.Numerics;
using Themis.P4.Semantics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Checking;

/// <summary>Block prototype (parser/control/package type) with its generic parameters.</summary>
internal sealed record BlockPrototype(string Keyword, string Name, IReadOnlyList<TypeParameter> TypeParameters, IReadOnlyList<Parameter> Parameters, IReadOnlyList<Annotation> Annotations);

/// <summary>
/// The semantic checker: resolves names, computes and checks the type of every expression, checks
/// l-values, directions and calls, folds constants, and builds the typed model
/// (<see cref="CheckedProgram"/>). Every problem becomes a diagnostic; checking goes on after one.
/// </summary>
internal sealed partial class Checker
{
    private const int MaxWidth = 2048;
    private readonly DiagnosticBag _diagnostics;
    private readonly SourceText _source;
    private readonly Scope _global = new(null);
    private readonly ErrorType _errorType = new();
    private readonly List<string> _matchKinds = [];
    private readonly List<P4Type> _types = [];
    private readonly List<ConstantDeclaration> _constants = [];
    private readonly List<ExternDeclaration> _externs = [];
    private readonly List<ExternFunction> _externFunctions = [];
    private readonly List<ActionDeclaration> _actions = [];
    private readonly List<FunctionDeclaration> _functions = [];
    private readonly List<ParserDeclaration> _parsers = [];
    private readonly List<ControlDeclaration> _controls = [];
    private readonly List<ExternInstance> _globalInstances = [];
    private readonly Dictionary<IP4Block, (IReadOnlyList<ParameterSyntax> Ctor, TextSpan Span)> _blockSyntax = [];
    private readonly HashSet<ControlDeclaration> _namedControls = [];
    private readonly Dictionary<SubBlockInstance, IReadOnlyList<Annotation>> _subInstanceAnnotations = [];
    private V1SwitchPackage? _main;

    public Checker(DiagnosticBag diagnostics, SourceText source)
    {
        _diagnostics = diagnostics;
        _source = source;
    }

    private void Error(TextSpan span, string message) => _diagnostics.Error(span, message);

    private void Warning(TextSpan span, string message) => _diagnostics.Warning(span, message);

    public CheckedProgram? Check(ProgramSyntax program)
    {
        _global.Set("error", _errorType);
        foreach (var d in program.Declarations)
        {
            CheckTopLevel(d);
        }
        if (_main == null && !program.Declarations.OfType<InstantiationSyntax>().Any(i => i.Name == "main"))
        {
            Error(new TextSpan(program.Span.End, 0), "the program has no 'main' package instance; add 'V1Switch(MyParser(), MyVerifyChecksum(), MyIngress(), MyEgress(), MyComputeChecksum(), MyDeparser()) main;'");
        }
        if (_diagnostics.HasErrors || _main == null)
        {
            return null;
        }
        var allActions = new List<ActionDeclaration>(_actions);
        foreach (var c in _controls)
        {
            allActions.AddRange(c.Actions);
        }
        return new CheckedProgram(_source, _errorType, _matchKinds, _types, _constants, _externs, _externFunctions, allActions, _functions, _parsers, _controls, _main) { GlobalInstances = _globalInstances };
    }

    private bool Declare(Scope scope, string name, TextSpan span, object symbol)
    {
        if (name == "<error>")
        {
            return false;
        }
        if (scope.LookupLocal(name) is { } existing)
        {
            // Overloads of extern functions are allowed (by number of parameters).
            if (existing is List<ExternFunction> && symbol is List<ExternFunction>)
            {
                return true;
            }
            Error(span, $"'{name}' is already declared in this scope");
            return false;
        }
        scope.TryDeclare(name, symbol);
        return true;
    }

    private void CheckTopLevel(DeclarationSyntax d)
    {
        switch (d)
        {
            case ConstantSyntax c:
                {
                    var constant = BindConstant(c, _global, null);
                    if (constant != null)
                    {
                        _constants.Add(constant);
                    }
                    break;
                }
            case TypedefSyntax t:
                {
                    var type = ResolveType(t.Type, _global);
                    if (t.IsNewType)
                    {
                        if (type is not (BitsType or BoolType or NewType) && type is not UnknownType)
                        {
                            Error(t.Type.Span, $"'type' can only rename bit<W>, int<W>, bool or another 'type'; '{type}' is not allowed");
                        }
                        var nt = new NewType(t.Name, type, t.Annotations);
                        _types.Add(nt);
                        Declare(_global, t.Name, t.NameSpan, nt);
                    }
                    else
                    {
                        Declare(_global, t.Name, t.NameSpan, type);
                    }
                    break;
                }
            case StructLikeSyntax s:
                DeclareStruct(s);
                break;
            case EnumSyntax e:
                DeclareEnum(e);
                break;
            case MemberListSyntax m when m.Name == "error":
                foreach (var (name, span) in m.Members)
                {
                    if (_errorType.IndexOf(name) >= 0)
                    {
                        Error(span, $"error '{name}' is already declared");
                    }
                    else
                    {
                        _errorType.Add(name);
                    }
                }
                break;
            case MemberListSyntax m:
                foreach (var (name, span) in m.Members)
                {
                    if (_matchKinds.Contains(name))
                    {
                        Error(span, $"match_kind '{name}' is already declared");
                        continue;
                    }
                    _matchKinds.Add(name);
                    Declare(_global, name, span, new MatchKindMarker(name));
                }
                break;
            case ExternSyntax e:
                DeclareExtern(e);
                break;
            case FunctionSyntax f when f.Body == null:
                DeclareExternFunction(f);
                break;
            case FunctionSyntax f:
                DeclareFunction(f);
                break;
            case ActionSyntax a:
                {
                    var action = BindAction(a, _global, null);
                    _actions.Add(action);
                    break;
                }
            case BlockTypeSyntax b:
                DeclareBlockPrototype(b);
                break;
            case ParserSyntax p:
                CheckParser(p);
                break;
            case ControlSyntax c:
                CheckControl(c);
                break;
            case InstantiationSyntax i:
                CheckTopLevelInstantiation(i);
                break;
            case VariableSyntax:
                break; // reported by the parser
            case UnsupportedDeclarationSyntax u:
                Error(u.Span, $"{u.What} is not supported by this front end (BMv2's P4Runtime server does not support value sets either); use a table instead");
                break;
            default:
                Error(d.Span, $"this declaration is not allowed at the top level");
                break;
        }
    }

    private void DeclareStruct(StructLikeSyntax s)
    {
        var kind = s.Keyword switch { "header" => StructKind.Header, "header_union" => StructKind.HeaderUnion, _ => StructKind.Struct };
        var type = new StructType(kind, s.Name, s.Annotations);
        Declare(_global, s.Name, s.NameSpan, type);
        _types.Add(type);
        var names = new HashSet<string>(StringComparer.Ordinal);
        int offset = 0;
        bool sawVarbit = false;
        foreach (var f in s.Fields)
        {
            var ft = ResolveType(f.Type, _global);
            if (!names.Add(f.Name))
            {
                Error(f.NameSpan, $"field '{f.Name}' is declared twice in {s.Keyword} '{s.Name}'");
                continue;
            }
            if (kind == StructKind.Header)
            {
                bool ok = ft is BitsType or BoolType or VarbitType or UnknownType || (ft is EnumType en && en.IsSerializable) || (ft is NewType nt && nt.BitWidth != null);
                if (!ok)
                {
                    Error(f.Type.Span, $"field '{f.Name}' of header '{s.Name}' has type '{ft}'; header fields must be bit<W>, int<W>, varbit<W>, bool or a serializable enum");
                }
                if (ft is VarbitType)
                {
                    if (sawVarbit)
                    {
                        Error(f.Type.Span, $"header '{s.Name}' has more than one varbit field");
                    }
                    sawVarbit = true;
                }
            }
            else if (kind == StructKind.HeaderUnion && !(ft is StructType { IsHeader: true } || ft is UnknownType))
            {
                Error(f.Type.Span, $"field '{f.Name}' of header_union '{s.Name}' must be a header");
            }
            else if (ft is InfIntType or VoidType or StringType)
            {
                Error(f.Type.Span, $"field '{f.Name}' cannot have type '{ft}'");
            }
            type.AddField(new Field(f.Name, ft, type.Fields.Count, kind == StructKind.Header ? offset : -1, f.Annotations));
            if (kind == StructKind.Header)
            {
                offset += ft.BitWidth ?? 0;
            }
        }
    }

    private void DeclareEnum(EnumSyntax e)
    {
        BitsType? underlying = null;
        if (e.UnderlyingType != null)
        {
            var t = ResolveType(e.UnderlyingType, _global);
            if (t is BitsType b)
            {
                underlying = b;
            }
            else if (t is not UnknownType)
            {
                Error(e.UnderlyingType.Span, $"the underlying type of enum '{e.Name}' must be bit<W> or int<W>, not '{t}'");
            }
        }
        var members = new List<string>();
        var values = new List<BigInteger>();
        foreach (var m in e.Members)
        {
            if (members.Contains(m.Name))
            {
                Error(m.Span, $"enum member '{m.Name}' is declared twice in '{e.Name}'");
                continue;
            }
            members.Add(m.Name);
            if (underlying != null)
            {
                if (m.Value == null)
                {
                    Error(m.Span, $"member '{m.Name}' of serializable enum '{e.Name}' needs a value");
                    values.Add(0);
                    continue;
                }
                var v = ConvertTo(BindExpression(m.Value, new Ctx(_global), underlying), underlying, m.Value.Span);
                values.Add(RequireInteger(v, m.Value.Span, "an enum member value") ?? 0);
            }
            else
            {
                if (m.Value != null)
                {
                    Error(m.Value.Span, $"enum '{e.Name}' has no underlying type, so its members cannot have values; write 'enum bit<W> {e.Name}'");
                }
                values.Add(members.Count - 1);
            }
        }
        var type = new EnumType(e.Name, underlying, members, values, e.Annotations);
        Declare(_global, e.Name, e.NameSpan, type);
        _types.Add(type);
    }

    private List<TypeParameter> DeclareTypeParameters(IReadOnlyList<string> names, Scope scope)
    {
        var list = new List<TypeParameter>();
        foreach (var n in names)
        {
            var tp = new TypeParameter(n);
            scope.Set(n, tp);
            list.Add(tp);
        }
        return list;
    }

    private List<Parameter> BindParameters(IReadOnlyList<ParameterSyntax> ps, Scope scope, Ctx? defaultsContext)
    {
        var list = new List<Parameter>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in ps)
        {
            var t = ResolveType(p.Type, scope);
            if (!names.Add(p.Name))
            {
                Error(p.NameSpan, $"parameter '{p.Name}' is declared twice");
            }
            if (t is VoidType)
            {
                Error(p.Type.Span, $"parameter '{p.Name}' cannot have type void");
            }
            BoundExpression? def = null;
            if (p.Default != null)
            {
                def = ConvertTo(BindExpression(p.Default, defaultsContext ?? new Ctx(scope), t), t, p.Default.Span);
            }
            list.Add(new Parameter(p.Name, t, p.Direction, list.Count, p.Annotations, def));
        }
        return list;
    }

    private void DeclareExtern(ExternSyntax e)
    {
        var scope = new Scope(_global);
        var tps = DeclareTypeParameters(e.TypeParameters, scope);
        var decl = new ExternDeclaration(e.Name, tps, e.Annotations);
        Declare(_global, e.Name, e.NameSpan, decl);
        _externs.Add(decl);
        foreach (var m in e.Methods)
        {
            var ms = new Scope(scope);
            var mtps = DeclareTypeParameters(m.TypeParameters, ms);
            bool isCtor = m.ReturnType == null && m.Name == e.Name;
            if (m.ReturnType == null && !isCtor)
            {
                Error(m.NameSpan, $"method '{m.Name}' of extern '{e.Name}' needs a return type");
            }
            var rt = m.ReturnType == null ? VoidType.Instance : ResolveType(m.ReturnType, ms);
            var ps = BindParameters(m.Parameters, ms, null);
            decl.Add(new ExternMethod(m.Name, mtps, rt, ps, isCtor, m.Annotations));
        }
    }

    private void DeclareExternFunction(FunctionSyntax f)
    {
        var scope = new Scope(_global);
        var tps = DeclareTypeParameters(f.TypeParameters, scope);
        var rt = f.ReturnType == null ? VoidType.Instance : ResolveType(f.ReturnType, scope);
        var ps = BindParameters(f.Parameters, scope, null);
        var fn = new ExternFunction(f.Name, tps, rt, ps, f.Annotations);
        _externFunctions.Add(fn);
        if (_global.LookupLocal(f.Name) is List<ExternFunction> overloads)
        {
            if (overloads.Any(o => o.Parameters.Count == ps.Count))
            {
                Error(f.NameSpan, $"extern function '{f.Name}' with {ps.Count} parameter(s) is already declared");
            }
            overloads.Add(fn);
        }
        else
        {
            Declare(_global, f.Name, f.NameSpan, new List<ExternFunction> { fn });
        }
    }

    private void DeclareFunction(FunctionSyntax f)
    {
        if (f.TypeParameters.Count > 0)
        {
            Error(f.NameSpan, $"generic function '{f.Name}' is not supported");
        }
        var scope = new Scope(_global);
        var rt = f.ReturnType == null ? VoidType.Instance : ResolveType(f.ReturnType, scope);
        var fn = new FunctionDeclaration(f.Name, rt, f.Annotations);
        Declare(_global, f.Name, f.NameSpan, fn);
        var ps = BindParameters(f.Parameters, scope, null);
        foreach (var p in ps)
        {
            if (p.Direction == ParameterDirection.None)
            {
                Error(f.Parameters[p.Index].Span, $"parameter '{p.Name}' of function '{f.Name}' needs a direction (in, out or inout)");
            }
            var v = new Variable(p.Name, p.Type, VariableKind.Parameter, p.Direction, fn, fn.MutableVariables.Count, f.Parameters[p.Index].NameSpan);
            fn.MutableVariables.Add(v);
            p.Variable = v;
            scope.TryDeclare(p.Name, v);
        }
        fn.Parameters = ps;
        var ctx = new Ctx(scope) { Owner = fn, Kind = BodyKind.Function, ReturnType = rt, Variables = fn.MutableVariables };
        fn.Body = BindBlock(f.Body!, ctx);
        if (rt is not VoidType && !AlwaysReturns(fn.Body))
        {
            Error(f.NameSpan, $"function '{f.Name}' does not return a value on every path");
        }
        _functions.Add(fn);
    }

    private static bool AlwaysReturns(BoundStatement s) => s switch
    {
        ReturnStatement or ExitStatement => true,
        BlockStatement b => b.Statements.Any(AlwaysReturns),
        IfStatement i => i.Else != null && AlwaysReturns(i.Then) && AlwaysReturns(i.Else),
        _ => false,
    };

    private void DeclareBlockPrototype(BlockTypeSyntax b)
    {
        var scope = new Scope(_global);
        var tps = DeclareTypeParameters(b.TypeParameters, scope);
        var ps = BindParameters(b.Parameters, scope, null);
        Declare(_global, b.Name, b.NameSpan, new BlockPrototype(b.Keyword, b.Name, tps, ps, b.Annotations));
    }

    /// <summary>The name p4c shows the control plane: <c>@name</c> (absolute with a leading dot) or prefix.name.</summary>
    private static string ControlPlaneName(string? prefix, string name, IReadOnlyList<Annotation> annotations)
    {
        var n = annotations.GetString("name");
        if (n != null)
        {
            if (n.StartsWith('.'))
            {
                return n[1..];
            }
            name = n;
        }
        return string.IsNullOrEmpty(prefix) ? name : prefix + "." + name;
    }

    private ConstantDeclaration? BindConstant(ConstantSyntax c, Scope scope, Ctx? ctx)
    {
        var type = ResolveType(c.Type, scope);
        var value = ConvertTo(BindExpression(c.Value, ctx ?? new Ctx(scope), type), type, c.Value.Span);
        if (!value.IsConstant && value.Type is not UnknownType && value is not StructExpression)
        {
            Error(c.Value.Span, $"the value of constant '{c.Name}' is not a compile-time constant");
        }
        var decl = new ConstantDeclaration(c.Name, type, value, c.Annotations);
        Declare(scope, c.Name, c.NameSpan, decl);
        return decl;
    }

    private void CheckTopLevelInstantiation(InstantiationSyntax i)
    {
        var type = i.Type is NamedTypeSyntax nt ? _global.Lookup(nt.Name) : null;
        if (type is BlockPrototype { Keyword: "package" } pkg)
        {
            if (i.Name != "main")
            {
                Warning(i.NameSpan, $"package instance '{i.Name}' is not named 'main' and is ignored");
                return;
            }
            CheckMain(i, pkg);
            return;
        }
        if (type is ExternDeclaration)
        {
            var inst = BindExternInstance(i, _global, null);
            if (inst != null && Declare(_global, i.Name, i.NameSpan, inst))
            {
                _globalInstances.Add(inst);
            }
            return;
        }
        Error(i.Type.Span, $"only packages and extern objects can be instantiated at the top level");
    }

    private void CheckMain(InstantiationSyntax i, BlockPrototype pkg)
    {
        if (pkg.Name != "V1Switch")
        {
            Error(i.Type.Span, $"package '{pkg.Name}' is not supported; this front end targets the v1model architecture (V1Switch)");
            return;
        }
        if (i.Arguments.Count != pkg.Parameters.Count)
        {
            Error(i.Span, $"V1Switch expects {pkg.Parameters.Count} arguments (parser, verifyChecksum, ingress, egress, computeChecksum, deparser) but {i.Arguments.Count} were given");
            return;
        }
        var blocks = new IP4Block?[pkg.Parameters.Count];
        for (int k = 0; k < i.Arguments.Count; k++)
        {
            var arg = i.Arguments[k].Value;
            if (arg is CallSyntax { Target: NameSyntax n, Arguments.Count: 0 } && _global.Lookup(n.Name) is IP4Block b)
            {
                blocks[k] = b;
            }
            else if (arg is CallSyntax { Target: NameSyntax n2 } && _global.Lookup(n2.Name) is IP4Block)
            {
                Error(arg.Span, $"'{n2.Name}' has no constructor parameters; instantiate it as {n2.Name}()");
            }
            else
            {
                Error(arg.Span, $"argument {k + 1} of V1Switch must instantiate a parser or control declared in the program, like MyIngress()");
            }
        }
        if (blocks.Any(b => b == null))
        {
            return;
        }
        // Infer H and M from the parser (out H hdr, inout M meta), as p4c does by unification.
        var map = new Dictionary<TypeParameter, P4Type>();
        for (int k = 0; k < blocks.Length; k++)
        {
            var proto = pkg.Parameters[k].Type as BlockType;
            var block = blocks[k]!;
            string keyword = block is ParserDeclaration ? "parser" : "control";
            if (proto == null)
            {
                continue;
            }
            if (proto.Keyword != keyword)
            {
                Error(i.Arguments[k].Span, $"argument '{pkg.Parameters[k].Name}' of V1Switch must be a {proto.Keyword} ({proto.Name}), but '{block.Name}' is a {keyword}");
                continue;
            }
            if (proto.Parameters.Count != block.Parameters.Count)
            {
                Error(i.Arguments[k].Span, $"'{block.Name}' has {block.Parameters.Count} parameters but V1Switch's {proto.Name} needs {proto.Parameters.Count}: ({string.Join(", ", proto.Parameters)})");
                continue;
            }
            for (int p = 0; p < proto.Parameters.Count; p++)
            {
                var pp = proto.Parameters[p];
                var bp = block.Parameters[p];
                if (pp.Direction != bp.Direction)
                {
                    Error(i.Arguments[k].Span, $"parameter '{bp.Name}' of '{block.Name}' must be declared '{DirectionText(pp.Direction)}' to match {proto.Name}, but it is '{DirectionText(bp.Direction)}'");
                    continue;
                }
                if (!Unify(pp.Type, bp.Type, map))
                {
                    Error(i.Arguments[k].Span, $"parameter '{bp.Name}' of '{block.Name}' has type '{bp.Type}' but {proto.Name} expects '{Substitute(pp.Type, map)}'");
                }
            }
        }
        if (_diagnostics.HasErrors)
        {
            return;
        }
        var h = map.FirstOrDefault(kv => kv.Key.Name == "H").Value as StructType;
        var m = map.FirstOrDefault(kv => kv.Key.Name == "M").Value as StructType;
        var sm = _global.Lookup("standard_metadata_t") as StructType;
        if (h == null || m == null || sm == null)
        {
            Error(i.Span, "V1Switch's H and M must be struct types (a struct of headers and a struct of metadata)");
            return;
        }
        foreach (var f in h.Fields)
        {
            if (f.Type is not (StructType { Kind: StructKind.Header or StructKind.HeaderUnion } or StackType) && f.Type is not UnknownType)
            {
                Error(i.Span, $"field '{f.Name}' of the headers struct '{h.Name}' has type '{f.Type}'; it must be a header, header stack or header union");
            }
        }
        foreach (var b in blocks.OfType<ControlDeclaration>().Distinct())
        {
            AssignControlPlaneNames(b, ControlPlaneName(null, b.Name, b.Annotations), i.Span);
        }
        _main = new V1SwitchPackage((ParserDeclaration)blocks[0]!, (ControlDeclaration)blocks[1]!, (ControlDeclaration)blocks[2]!, (ControlDeclaration)blocks[3]!, (ControlDeclaration)blocks[4]!, (ControlDeclaration)blocks[5]!, h, m, sm);
        foreach (var b in blocks.Distinct())
        {
            if (blocks.Count(x => x == b) > 1 && b is ControlDeclaration cd && (cd.Tables.Count > 0 || cd.Instances.Count > 0))
            {
                Error(i.Span, $"control '{b!.Name}' is instantiated more than once and has tables or externs; this front end needs one instance per control with state");
            }
        }
    }

    /// <summary>
    /// Names tables, actions and externs by their instance path, as p4c does: a control
    /// instantiated as <c>Forwarding() fwd;</c> inside <c>MyIngress</c> owns <c>MyIngress.fwd.t</c>.
    /// </summary>
    private void AssignControlPlaneNames(ControlDeclaration control, string prefix, TextSpan mainSpan)
    {
        if (!_namedControls.Add(control))
        {
            if (control.ControlPlanePrefix != prefix && (control.Tables.Count > 0 || control.Instances.Count > 0 || control.Actions.Count > 0))
            {
                Error(control.Span.Start == 0 ? mainSpan : new TextSpan(control.Span.Start, 0), $"control '{control.Name}' is instantiated more than once ('{control.ControlPlanePrefix}' and '{prefix}'); this front end needs one instance of a control with tables, actions or externs");
            }
            return;
        }
        control.ControlPlanePrefix = prefix;
        foreach (var t in control.Tables)
        {
            t.ControlPlaneName = ControlPlaneName(prefix, t.Name, t.Annotations);
        }
        foreach (var a in control.Actions)
        {
            a.ControlPlaneName = ControlPlaneName(prefix, a.Name, a.Annotations);
        }
        foreach (var x in control.Instances)
        {
            x.ControlPlaneName = ControlPlaneName(prefix, x.Name, x.Annotations);
        }
        foreach (var sub in control.SubInstances)
        {
            if (sub.Block is ControlDeclaration c)
            {
                AssignControlPlaneNames(c, ControlPlaneName(prefix, sub.Name, _subInstanceAnnotations.GetValueOrDefault(sub) ?? []), mainSpan);
            }
        }
    }

    private static string DirectionText(ParameterDirection d) => d switch
    {
        ParameterDirection.In => "in",
        ParameterDirection.Out => "out",
        ParameterDirection.InOut => "inout",
        _ => "no direction",
    };

    /// <summary>Marks a match_kind name in scope.</summary>
    internal sealed record MatchKindMarker(string Name);
}
