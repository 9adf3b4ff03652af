using System.Numerics;
using Themis.P4.Semantics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Checking;

internal sealed partial class Checker
{
    private P4Type ResolveType(TypeSyntax syntax, Scope scope)
    {
        switch (syntax)
        {
            case BitTypeSyntax b:
                {
                    if (b.Width == null)
                    {
                        return b.Keyword == "int" ? InfIntType.Instance : b.Keyword == "bit" ? BitsType.Get(1, false) : UnknownType.Instance;
                    }
                    var w = RequireInteger(BindExpression(b.Width, new Ctx(scope), null), b.Width.Span, "a type width");
                    if (w == null)
                    {
                        return UnknownType.Instance;
                    }
                    if (w <= 0 || w > MaxWidth)
                    {
                        Error(b.Width.Span, $"invalid width {w} for {b.Keyword}: it must be between 1 and {MaxWidth}");
                        return UnknownType.Instance;
                    }
                    return b.Keyword == "varbit" ? VarbitType.Get((int)w) : BitsType.Get((int)w, b.Keyword == "int");
                }
            case PrimitiveTypeSyntax p:
                return p.Keyword switch
                {
                    "bool" => BoolType.Instance,
                    "error" => _errorType,
                    "string" => StringType.Instance,
                    "void" => VoidType.Instance,
                    _ => MatchKindType.Instance,
                };
            case TupleTypeSyntax t:
                return new TupleType([.. t.Elements.Select(e => ResolveType(e, scope))]);
            case StackTypeSyntax s:
                {
                    var element = ResolveType(s.Element, scope);
                    var size = RequireInteger(BindExpression(s.Size, new Ctx(scope), null), s.Size.Span, "a header stack size");
                    if (element is not (StructType { Kind: StructKind.Header or StructKind.HeaderUnion } or UnknownType))
                    {
                        Error(s.Element.Span, $"header stacks must contain headers or header unions, not '{element}'");
                        return UnknownType.Instance;
                    }
                    if (size == null || size <= 0)
                    {
                        if (size != null)
                        {
                            Error(s.Size.Span, "the size of a header stack must be positive");
                        }
                        return UnknownType.Instance;
                    }
                    return new StackType(element, (int)size);
                }
            case DontCareTypeSyntax:
                return DontCareType.Instance;
            case NamedTypeSyntax n:
                {
                    var sym = scope.Lookup(n.Name);
                    var args = n.TypeArguments.Select(a => ResolveType(a, scope)).ToList();
                    switch (sym)
                    {
                        case P4Type t:
                            if (args.Count > 0)
                            {
                                Error(n.Span, $"type '{n.Name}' is not generic");
                            }
                            return t;
                        case ExternDeclaration e:
                            if (args.Count != e.TypeParameters.Count)
                            {
                                if (args.Count == 0 && e.TypeParameters.Count > 0)
                                {
                                    return new ExternType(e, [.. e.TypeParameters]);
                                }
                                Error(n.Span, $"extern '{e.Name}' takes {e.TypeParameters.Count} type argument(s) but {args.Count} were given");
                                return UnknownType.Instance;
                            }
                            return new ExternType(e, args);
                        case BlockPrototype bp:
                            {
                                if (args.Count != 0 && args.Count != bp.TypeParameters.Count)
                                {
                                    Error(n.Span, $"'{bp.Name}' takes {bp.TypeParameters.Count} type argument(s) but {args.Count} were given");
                                }
                                var map = new Dictionary<TypeParameter, P4Type>();
                                for (int i = 0; i < Math.Min(args.Count, bp.TypeParameters.Count); i++)
                                {
                                    map[bp.TypeParameters[i]] = args[i];
                                }
                                var ps = bp.Parameters.Select(p => new Parameter(p.Name, Substitute(p.Type, map), p.Direction, p.Index, p.Annotations, p.DefaultValue)).ToList();
                                return new BlockType(bp.Keyword, bp.Name, ps, args.Count > 0 ? args : [.. bp.TypeParameters]);
                            }
                        case null:
                            Error(n.Span, $"unknown type '{n.Name}'");
                            return UnknownType.Instance;
                        default:
                            Error(n.Span, $"'{n.Name}' is not a type");
                            return UnknownType.Instance;
                    }
                }
        }
        return UnknownType.Instance;
    }

    private static bool ContainsTypeParameter(P4Type t) => t switch
    {
        TypeParameter => true,
        TupleType tt => tt.Elements.Any(ContainsTypeParameter),
        StackType s => ContainsTypeParameter(s.Element),
        ExternType e => e.TypeArguments.Any(ContainsTypeParameter),
        _ => false,
    };

    private static P4Type Substitute(P4Type t, Dictionary<TypeParameter, P4Type> map)
    {
        if (map.Count == 0)
        {
            return t;
        }
        return t switch
        {
            TypeParameter tp => map.TryGetValue(tp, out var r) ? r : tp,
            TupleType tt => new TupleType([.. tt.Elements.Select(e => Substitute(e, map))]),
            StackType s => new StackType(Substitute(s.Element, map), s.Size),
            ExternType e => new ExternType(e.Declaration, [.. e.TypeArguments.Select(a => Substitute(a, map))]),
            BlockType b => new BlockType(b.Keyword, b.Name, [.. b.Parameters.Select(p => new Parameter(p.Name, Substitute(p.Type, map), p.Direction, p.Index, p.Annotations, p.DefaultValue))], [.. b.TypeArguments.Select(a => Substitute(a, map))]),
            _ => t,
        };
    }

    /// <summary>Binds type parameters in <paramref name="formal"/> so it matches <paramref name="actual"/>.</summary>
    private static bool Unify(P4Type formal, P4Type actual, Dictionary<TypeParameter, P4Type> map)
    {
        if (actual is UnknownType || formal is UnknownType)
        {
            return true;
        }
        switch (formal)
        {
            case TypeParameter tp:
                if (map.TryGetValue(tp, out var bound))
                {
                    return P4Type.Same(bound, actual) || (bound is not InfIntType && actual is InfIntType);
                }
                if (actual is DontCareType)
                {
                    return true;
                }
                map[tp] = actual;
                return true;
            case TupleType ft when actual is TupleType at:
                return ft.Elements.Count == at.Elements.Count && ft.Elements.Zip(at.Elements).All(p => Unify(p.First, p.Second, map));
            case StackType fs when actual is StackType @as:
                return fs.Size == @as.Size && Unify(fs.Element, @as.Element, map);
            case ExternType fe when actual is ExternType ae:
                return fe.Declaration == ae.Declaration && fe.TypeArguments.Zip(ae.TypeArguments).All(p => Unify(p.First, p.Second, map));
            default:
                return P4Type.Same(formal, actual);
        }
    }

    /// <summary>The folded integer value of a constant expression, or null after reporting that it is not one.</summary>
    private BigInteger? RequireInteger(BoundExpression e, TextSpan span, string what)
    {
        if (e.Type is UnknownType)
        {
            return null;
        }
        if (e is LiteralExpression { Value: BigInteger v })
        {
            return v;
        }
        if (e is EnumMemberExpression { Enum.IsSerializable: true } em)
        {
            return em.Value;
        }
        Error(span, $"{what} must be a compile-time integer constant");
        return null;
    }

    /// <summary>
    /// Implicit conversion (spec 8.11.2): an infinite-precision integer to bit/int, a list to a
    /// tuple/struct/header; everything else must already have the target type.
    /// </summary>
    private BoundExpression ConvertTo(BoundExpression e, P4Type target, TextSpan span)
    {
        var source = e.Type;
        if (source is UnknownType || target is UnknownType || target is DontCareType || P4Type.Same(source, target))
        {
            return e;
        }
        if (e is DontCareExpression)
        {
            return new DontCareExpression(target, e.Span);
        }
        if (source is InfIntType && target is BitsType bits)
        {
            if (e is LiteralExpression { Value: BigInteger v })
            {
                return MakeIntegerLiteral(bits, v, e.Span, checkFits: true);
            }
            return new CastExpression(target, e, e.Span);
        }
        if (source is InfIntType && target is NewType { UnderlyingType: BitsType nb } && e is LiteralExpression { Value: BigInteger nv })
        {
            return MakeIntegerLiteral(nb, nv, e.Span, checkFits: true);
        }
        if (e is ListExpression list)
        {
            if (target is TupleType tt && tt.Elements.Count == list.Elements.Count)
            {
                var elements = list.Elements.Select((x, i) => ConvertTo(x, tt.Elements[i], x.Span)).ToList();
                return new ListExpression(tt, elements, e.Span);
            }
            if (target is StructType st && st.Kind != StructKind.HeaderUnion)
            {
                if (st.Fields.Count != list.Elements.Count)
                {
                    Error(span, $"'{st.Name}' has {st.Fields.Count} fields but the list has {list.Elements.Count} elements");
                    return new StructExpression(st, list.Elements, e.Span);
                }
                var fields = list.Elements.Select((x, i) => ConvertTo(x, st.Fields[i].Type, x.Span)).ToList();
                return new StructExpression(st, fields, e.Span);
            }
        }
        if (e is StructExpression { Struct: null } || (source is TupleType && target is StructType))
        {
            Error(span, $"cannot convert '{source}' to '{target}'");
            return e;
        }
        Error(span, $"cannot implicitly convert '{source}' to '{target}'{Hint(source, target)}");
        return e;
    }

    private static string Hint(P4Type source, P4Type target) => (source, target) switch
    {
        (BitsType s, BitsType t) when s.Width != t.Width && s.IsSigned == t.IsSigned => $"; the widths differ ({s.Width} and {t.Width}), use a cast: ({t})",
        (BitsType s, BitsType t) when s.IsSigned != t.IsSigned => $"; use a cast: ({t})",
        (BoolType, BitsType) or (BitsType, BoolType) => $"; use a cast: ({target})",
        _ => "",
    };

    private LiteralExpression MakeIntegerLiteral(BitsType type, BigInteger value, TextSpan span, bool checkFits)
    {
        var normalized = type.Normalize(value);
        if (checkFits && normalized != value)
        {
            Warning(span, $"{value} does not fit in {type}; the value is truncated to {normalized}");
        }
        return new LiteralExpression(type, normalized, span);
    }
}
