using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary>
/// Recursive-descent parser for the P4-16 language used by v1model programs. It never throws on
/// bad input: it reports a diagnostic, skips to a synchronising token and goes on, so one run
/// reports every syntax error. Like p4c, it tells type names from other names by remembering
/// every type declared so far.
/// </summary>
public sealed class Parser
{
    private static readonly HashSet<string> TypeKeywords = new(StringComparer.Ordinal)
    {
        "bit", "int", "varbit", "bool", "error", "string", "void", "tuple", "match_kind",
    };

    private readonly List<Token> _tokens;
    private readonly DiagnosticBag _diagnostics;
    private readonly HashSet<string> _typeNames = new(StringComparer.Ordinal);
    private int _pos;
    private int _speculating;

    public Parser(List<Token> tokens, DiagnosticBag diagnostics)
    {
        _tokens = tokens;
        _diagnostics = diagnostics;
    }

    /// <summary>Parses preprocessed text into a program.</summary>
    public static ProgramSyntax Parse(string text, DiagnosticBag diagnostics)
    {
        var tokens = new Lexer(text, diagnostics).Tokenize();
        return new Parser(tokens, diagnostics).ParseProgram();
    }

    public ProgramSyntax ParseProgram()
    {
        var decls = new List<DeclarationSyntax>();
        while (!AtEnd)
        {
            int before = _pos;
            if (Current.Is(";"))
            {
                _pos++;
                continue;
            }
            var d = ParseTopLevelDeclaration();
            if (d != null)
            {
                decls.Add(d);
            }
            if (_pos == before)
            {
                Error(Current.Span, $"expected a declaration but found {Describe(Current)}");
                SkipTo(";", "}");
                Accept(";");
                Accept("}");
                if (_pos == before)
                {
                    _pos++;
                }
            }
        }
        return new ProgramSyntax(decls, new TextSpan(0, Current.Span.End));
    }

    // ------------------------------------------------------------ token helpers

    private Token Current => _tokens[Math.Min(_pos, _tokens.Count - 1)];

    private Token Peek(int n) => _tokens[Math.Min(_pos + n, _tokens.Count - 1)];

    private bool AtEnd => Current.Kind == TokenKind.EndOfFile;

    private TextSpan PreviousSpan => _pos > 0 ? _tokens[_pos - 1].Span : Current.Span;

    private bool Accept(string punct)
    {
        if (Current.Is(punct))
        {
            _pos++;
            return true;
        }
        return false;
    }

    private Token Expect(string punct)
    {
        if (Current.Is(punct))
        {
            return _tokens[_pos++];
        }
        Error(Current.Span, $"expected '{punct}' but found {Describe(Current)}");
        return new Token(TokenKind.Bad, punct, new TextSpan(Current.Span.Start, 0));
    }

    private (string Name, TextSpan Span) ExpectName(string what)
    {
        var t = Current;
        // Contextual words (key, actions, entries, state, type, apply, priority) are plain identifiers here.
        if (t.Kind == TokenKind.Identifier)
        {
            _pos++;
            return (t.Text, t.Span);
        }
        Error(t.Span, $"expected {what} but found {Describe(t)}");
        return ("<error>", new TextSpan(t.Span.Start, 0));
    }

    private static string Describe(Token t) => t.Kind switch
    {
        TokenKind.EndOfFile => "end of file",
        TokenKind.Integer => $"integer '{t.Text}'",
        TokenKind.String => $"string \"{t.Text}\"",
        _ => $"'{t.Text}'",
    };

    private void Error(TextSpan span, string message)
    {
        if (_speculating == 0)
        {
            _diagnostics.Error(span, message);
        }
    }

    private void SkipTo(params string[] stops)
    {
        int depth = 0;
        while (!AtEnd)
        {
            var t = Current;
            if (depth == 0 && Array.Exists(stops, s => t.Is(s)))
            {
                return;
            }
            if (t.Is("{") || t.Is("("))
            {
                depth++;
            }
            else if (t.Is("}") || t.Is(")"))
            {
                if (depth == 0)
                {
                    return;
                }
                depth--;
            }
            _pos++;
        }
    }

    private bool IsTypeName(Token t) => t.Kind == TokenKind.Identifier && _typeNames.Contains(t.Text);

    private bool StartsType(Token t) => (t.Kind == TokenKind.Keyword && TypeKeywords.Contains(t.Text)) || IsTypeName(t);

    private void DeclareType(string name)
    {
        if (name != "<error>")
        {
            _typeNames.Add(name);
        }
    }

    // ------------------------------------------------------------ annotations

    private List<Annotation> ParseAnnotations()
    {
        var list = new List<Annotation>();
        while (Current.Is("@"))
        {
            int start = Current.Span.Start;
            _pos++;
            var nameToken = Current;
            if (nameToken.Kind is not (TokenKind.Identifier or TokenKind.Keyword))
            {
                Error(nameToken.Span, $"expected an annotation name after '@' but found {Describe(nameToken)}");
                continue;
            }
            _pos++;
            var args = new List<AnnotationArgument>();
            // Arguments only when '(' follows the name directly (no space), as in @name("x").
            if (Current.Is("(") && Current.Span.Start == nameToken.Span.End)
            {
                _pos++;
                int depth = 0;
                while (!AtEnd && !(depth == 0 && Current.Is(")")))
                {
                    var t = Current;
                    if (t.Is("("))
                    {
                        depth++;
                    }
                    else if (t.Is(")"))
                    {
                        depth--;
                    }
                    if (t.Kind == TokenKind.String)
                    {
                        args.Add(new AnnotationArgument(t.Text, null, t.Text));
                    }
                    else if (t.Kind == TokenKind.Integer)
                    {
                        args.Add(new AnnotationArgument(null, t.Value, t.Text));
                    }
                    else if (!t.Is(","))
                    {
                        args.Add(new AnnotationArgument(null, null, t.Text));
                    }
                    _pos++;
                }
                Expect(")");
            }
            list.Add(new Annotation(nameToken.Text, args, TextSpan.FromBounds(start, PreviousSpan.End)));
        }
        return list;
    }

    // ------------------------------------------------------------ declarations

    private DeclarationSyntax? ParseTopLevelDeclaration()
    {
        int start = Current.Span.Start;
        var annotations = ParseAnnotations();
        var t = Current;
        if (t.Is("const"))
        {
            return ParseConstant(annotations, start);
        }
        if (t.IsIdentifier("typedef") || t.Is("typedef") || t.IsIdentifier("type"))
        {
            return ParseTypedef(annotations, start);
        }
        if (t.Is("header") || t.Is("struct") || t.Is("header_union"))
        {
            return ParseStructLike(annotations, start);
        }
        if (t.Is("enum"))
        {
            return ParseEnum(annotations, start);
        }
        if (t.Is("error") && Peek(1).Is("{"))
        {
            return ParseMemberList(annotations, "error", start);
        }
        if (t.Is("match_kind") && Peek(1).Is("{"))
        {
            return ParseMemberList(annotations, "match_kind", start);
        }
        if (t.Is("extern"))
        {
            return ParseExtern(annotations, start);
        }
        if (t.Is("action"))
        {
            return ParseAction(annotations, start);
        }
        if (t.Is("parser"))
        {
            return ParseParser(annotations, start);
        }
        if (t.Is("control"))
        {
            return ParseControl(annotations, start);
        }
        if (t.Is("package"))
        {
            _pos++;
            var (name, nameSpan) = ExpectName("a package name");
            DeclareType(name);
            var typeParams = ParseTypeParameters();
            var ps = ParseParameterList();
            Expect(";");
            return new BlockTypeSyntax(annotations, "package", name, nameSpan, typeParams, ps, TextSpan.FromBounds(start, PreviousSpan.End));
        }
        if (t.Is("value_set"))
        {
            return ParseValueSet(annotations, start);
        }
        if (StartsType(t))
        {
            // A function (T name(...) { }) or an instantiation (T(args) name;).
            if (IsTypeName(t) && (Peek(1).Is("(") || (Peek(1).Is("<") && IsInstantiationAhead())))
            {
                return ParseInstantiation(annotations, start);
            }
            return ParseFunctionOrVariable(annotations, start, topLevel: true);
        }
        if (t.Kind == TokenKind.Identifier && Peek(1).Kind == TokenKind.Identifier)
        {
            Error(t.Span, $"unknown type '{t.Text}'");
            SkipTo(";", "}");
            Accept(";");
            return null;
        }
        if (annotations.Count > 0 && _pos > 0)
        {
            Error(Current.Span, $"expected a declaration after the annotations but found {Describe(Current)}");
        }
        return null;
    }

    /// <summary>At <c>Name &lt;...&gt;</c>: is this the type of an instantiation (followed by '(')?</summary>
    private bool IsInstantiationAhead()
    {
        int save = _pos;
        _speculating++;
        try
        {
            _pos++;
            ParseTypeArguments();
            return Current.Is("(");
        }
        finally
        {
            _speculating--;
            _pos = save;
        }
    }

    private ConstantSyntax ParseConstant(List<Annotation> annotations, int start)
    {
        Expect("const");
        var type = ParseType();
        var (name, nameSpan) = ExpectName("a constant name");
        Expect("=");
        var value = ParseExpression();
        Expect(";");
        return new ConstantSyntax(annotations, type, name, nameSpan, value, TextSpan.FromBounds(start, PreviousSpan.End));
    }

    private TypedefSyntax ParseTypedef(List<Annotation> annotations, int start)
    {
        bool isNew = Current.Text == "type";
        _pos++;
        TypeSyntax type;
        if (Current.Is("header") || Current.Is("struct") || Current.Is("enum"))
        {
            Error(Current.Span, "a typedef of an inline header, struct or enum declaration is not supported; declare the type first");
            SkipTo(";");
            Accept(";");
            return new TypedefSyntax(annotations, new DontCareTypeSyntax(Current.Span), "<error>", Current.Span, isNew, TextSpan.FromBounds(start, PreviousSpan.End));
        }
        type = ParseType();
        var (name, nameSpan) = ExpectName("a type name");
        DeclareType(name);
        Expect(";");
        return new TypedefSyntax(annotations, type, name, nameSpan, isNew, TextSpan.FromBounds(start, PreviousSpan.End));
    }

    private StructLikeSyntax ParseStructLike(List<Annotation> annotations, int start)
    {
        var keyword = _tokens[_pos++].Text;
        var (name, nameSpan) = ExpectName($"a {keyword} name");
        DeclareType(name);
        if (Current.Is("<"))
        {
            Error(Current.Span, $"generic {keyword} types are not supported");
            SkipTo("{");
        }
        var fields = new List<FieldSyntax>();
        Expect("{");
        while (!AtEnd && !Current.Is("}"))
        {
            int fs = Current.Span.Start;
            int before = _pos;
            var fa = ParseAnnotations();
            var ft = ParseType();
            var (fname, fnameSpan) = ExpectName("a field name");
            Expect(";");
            fields.Add(new FieldSyntax(fa, ft, fname, fnameSpan, TextSpan.FromBounds(fs, PreviousSpan.End)));
            if (_pos == before)
            {
                SkipTo(";", "}");
                Accept(";");
            }
        }
        Expect("}");
        return new StructLikeSyntax(annotations, keyword, name, nameSpan, fields, TextSpan.FromBounds(start, PreviousSpan.End));
    }

    private EnumSyntax ParseEnum(List<Annotation> annotations, int start)
    {
        Expect("enum");
        TypeSyntax? underlying = null;
        if (!(Current.Kind == TokenKind.Identifier && Peek(1).Is("{")))
        {
            underlying = ParseType();
        }
        var (name, nameSpan) = ExpectName("an enum name");
        DeclareType(name);
        Expect("{");
        var members = new List<EnumMemberSyntax>();
        while (!AtEnd && !Current.Is("}"))
        {
            ParseAnnotations();
            var (m, mSpan) = ExpectName("an enum member name");
            ExpressionSyntax? value = null;
            if (Accept("="))
            {
                value = ParseExpression();
            }
            members.Add(new EnumMemberSyntax(m, value, TextSpan.FromBounds(mSpan.Start, PreviousSpan.End)));
            if (!Accept(","))
            {
                break;
            }
        }
        Expect("}");
        return new EnumSyntax(annotations, underlying, name, nameSpan, members, TextSpan.FromBounds(start, PreviousSpan.End));
    }

    private MemberListSyntax ParseMemberList(List<Annotation> annotations, string keyword, int start)
    {
        _pos++;
        Expect("{");
        var members = new List<(string, TextSpan)>();
        while (!AtEnd && !Current.Is("}"))
        {
            members.Add(ExpectName($"a {keyword} name"));
            if (!Accept(","))
            {
                break;
            }
        }
        Expect("}");
        return new MemberListSyntax(annotations, keyword, members, TextSpan.FromBounds(start, PreviousSpan.End));
    }

    private DeclarationSyntax ParseExtern(List<Annotation> annotations, int start)
    {
        Expect("extern");
        bool isObject = Current.Kind == TokenKind.Identifier && (Peek(1).Is("{") || (Peek(1).Is("<") && IsExternObjectAhead()));
        if (!isObject)
        {
            var f = ParseFunctionPrototype(ParseAnnotations(), Current.Span.Start, null);
            return f with { Annotations = annotations, Span = TextSpan.FromBounds(start, f.Span.End) };
        }
        var (name, nameSpan) = ExpectName("an extern name");
        DeclareType(name);
        var typeParams = ParseTypeParameters();
        Expect("{");
        var methods = new List<FunctionSyntax>();
        while (!AtEnd && !Current.Is("}"))
        {
            int before = _pos;
            int ms = Current.Span.Start;
            var ma = ParseAnnotations();
            methods.Add(ParseFunctionPrototype(ma, ms, name));
            if (_pos == before)
            {
                SkipTo(";", "}");
                Accept(";");
            }
        }
        Expect("}");
        return new ExternSyntax(annotations, name, nameSpan, typeParams, methods, TextSpan.FromBounds(start, PreviousSpan.End));
    }

    private bool IsExternObjectAhead()
    {
        int save = _pos;
        _speculating++;
        try
        {
            _pos++;
            ParseTypeParameters();
            return Current.Is("{");
        }
        finally
        {
            _speculating--;
            _pos = save;
        }
    }

    /// <summary>A method or function prototype; a constructor when the name is <paramref name="externName"/>.</summary>
    private FunctionSyntax ParseFunctionPrototype(List<Annotation> annotations, int start, string? externName)
    {
        bool isAbstract = false;
        if (Current.IsIdentifier("abstract") || Current.Is("abstract"))
        {
            isAbstract = true;
            _pos++;
        }
        TypeSyntax? returnType = null;
        if (!(externName != null && Current.IsIdentifier(externName) && Peek(1).Is("(")))
        {
            // The return type may use the method's own type parameters (T lookahead<T>()): declare them first.
            int k = _pos;
            while (k < _tokens.Count && !_tokens[k].Is("(") && !_tokens[k].Is(";") && !_tokens[k].Is("{"))
            {
                if (_tokens[k].Is("<") && k > 0 && _tokens[k - 1].Kind == TokenKind.Identifier && k + 1 < _tokens.Count && _tokens[k + 1].Kind == TokenKind.Identifier
                    && (k + 2 < _tokens.Count && (_tokens[k + 2].Is(">") || _tokens[k + 2].Is(","))) && k + 1 > _pos + 1)
                {
                    for (int j = k + 1; j < _tokens.Count && !_tokens[j].Is(">"); j++)
                    {
                        if (_tokens[j].Kind == TokenKind.Identifier)
                        {
                            DeclareType(_tokens[j].Text);
                        }
                    }
                }
                k++;
            }
            returnType = ParseType();
        }
        var (name, nameSpan) = ExpectName("a function name");
        var typeParams = ParseTypeParameters();
        var ps = ParseParameterList();
        BlockSyntax? body = null;
        if (Current.Is("{") && externName == null)
        {
            body = ParseBlock([]);
        }
        else
        {
            Expect(";");
        }
        return new FunctionSyntax(annotations, returnType, name, nameSpan, typeParams, ps, body, isAbstract, TextSpan.FromBounds(start, PreviousSpan.End));
    }

    private List<string> ParseTypeParameters()
    {
        var list = new List<string>();
        if (!Accept("<"))
        {
            return list;
        }
        while (!AtEnd && !Current.Is(">"))
        {
            var (n, _) = ExpectName("a type parameter name");
            DeclareType(n);
            list.Add(n);
            if (!Accept(","))
            {
                break;
            }
        }
        Expect(">");
        return list;
    }

    private List<ParameterSyntax> ParseParameterList()
    {
        var list = new List<ParameterSyntax>();
        Expect("(");
        while (!AtEnd && !Current.Is(")"))
        {
            int start = Current.Span.Start;
            int before = _pos;
            var annotations = ParseAnnotations();
            var dir = ParameterDirection.None;
            if (Current.Is("in"))
            {
                dir = ParameterDirection.In;
                _pos++;
            }
            else if (Current.Is("out"))
            {
                dir = ParameterDirection.Out;
                _pos++;
            }
            else if (Current.Is("inout"))
            {
                dir = ParameterDirection.InOut;
                _pos++;
            }
            var type = ParseType();
            var (name, nameSpan) = ExpectName("a parameter name");
            ExpressionSyntax? def = null;
            if (Accept("="))
            {
                def = ParseExpression();
            }
            list.Add(new ParameterSyntax(annotations, dir, type, name, nameSpan, def, TextSpan.FromBounds(start, PreviousSpan.End)));
            if (_pos == before)
            {
                SkipTo(",", ")");
            }
            if (!Accept(","))
            {
                break;
            }
        }
        Expect(")");
        return list;
    }

    private ActionSyntax ParseAction(List<Annotation> annotations, int start)
    {
        Expect("action");
        var (name, nameSpan) = ExpectName("an action name");
        var ps = ParseParameterList();
        var body = ParseBlock([]);
        return new ActionSyntax(annotations, name, nameSpan, ps, body, TextSpan.FromBounds(start, PreviousSpan.End));
    }

    /// <summary>
    /// The head parser and control declarations share: keyword, name, type parameters and parameters, then either
    /// ';' (a type declaration, returned in <c>TypeOnly</c>) or constructor parameters and the opening brace.
    /// </summary>
    private (string Name, TextSpan NameSpan, List<string> TypeParams, List<ParameterSyntax> Params, List<ParameterSyntax> Ctor, BlockTypeSyntax? TypeOnly)
        ParseBlockHead(string keyword, List<Annotation> annotations, int start)
    {
        Expect(keyword);
        var (name, nameSpan) = ExpectName($"a {keyword} name");
        DeclareType(name);
        var typeParams = ParseTypeParameters();
        var ps = ParseParameterList();
        if (Accept(";"))
        {
            return (name, nameSpan, typeParams, ps, [], new BlockTypeSyntax(annotations, keyword, name, nameSpan, typeParams, ps, TextSpan.FromBounds(start, PreviousSpan.End)));
        }
        var ctor = Current.Is("(") ? ParseParameterList() : [];
        Expect("{");
        return (name, nameSpan, typeParams, ps, ctor, null);
    }

    /// <summary>When a body member consumed nothing: report it, skip to the next ';' or '}', and always move on.</summary>
    private void SkipUnparsedMember(int before, string message)
    {
        if (_pos != before)
        {
            return;
        }

        Error(Current.Span, message);
        SkipTo(";", "}");
        Accept(";");
        if (_pos == before)
        {
            _pos++;
        }
    }

    private DeclarationSyntax ParseParser(List<Annotation> annotations, int start)
    {
        var (name, nameSpan, typeParams, ps, ctor, typeOnly) = ParseBlockHead("parser", annotations, start);
        if (typeOnly != null)
        {
            return typeOnly;
        }
        var locals = new List<DeclarationSyntax>();
        var states = new List<StateSyntax>();
        while (!AtEnd && !Current.Is("}"))
        {
            int before = _pos;
            int ls = Current.Span.Start;
            var la = ParseAnnotations();
            if (Current.IsIdentifier("state"))
            {
                states.Add(ParseState(la, ls));
            }
            else
            {
                var local = ParseLocalDeclaration(la, ls, inParser: true);
                if (local != null)
                {
                    locals.Add(local);
                }
            }
            SkipUnparsedMember(before, $"expected a state or a local declaration but found {Describe(Current)}");
        }
        Expect("}");
        return new ParserSyntax(annotations, name, nameSpan, typeParams, ps, ctor, locals, states, TextSpan.FromBounds(start, PreviousSpan.End));
    }

    private StateSyntax ParseState(List<Annotation> annotations, int start)
    {
        _pos++; // state
        var (name, nameSpan) = ExpectName("a state name");
        Expect("{");
        var statements = new List<StatementSyntax>();
        TransitionSyntax? transition = null;
        while (!AtEnd && !Current.Is("}"))
        {
            if (Current.Is("transition"))
            {
                transition = ParseTransition();
                if (!Current.Is("}"))
                {
                    Error(Current.Span, "the transition statement must be the last statement of a state");
                    SkipTo("}");
                }
                break;
            }
            int before = _pos;
            var s = ParseStatement();
            if (s != null)
            {
                statements.Add(s);
            }
            if (_pos == before)
            {
                _pos++;
            }
        }
        Expect("}");
        return new StateSyntax(annotations, name, nameSpan, statements, transition, TextSpan.FromBounds(start, PreviousSpan.End));
    }

    private TransitionSyntax ParseTransition()
    {
        int start = Current.Span.Start;
        Expect("transition");
        if (Current.Is("select"))
        {
            _pos++;
            Expect("(");
            var exprs = new List<ExpressionSyntax>();
            while (!AtEnd && !Current.Is(")"))
            {
                exprs.Add(ParseExpression());
                if (!Accept(","))
                {
                    break;
                }
            }
            Expect(")");
            Expect("{");
            var cases = new List<SelectCaseSyntax>();
            while (!AtEnd && !Current.Is("}"))
            {
                int cs = Current.Span.Start;
                int before = _pos;
                var keyset = ParseKeyset();
                Expect(":");
                var (state, stateSpan) = ExpectName("a state name");
                Expect(";");
                cases.Add(new SelectCaseSyntax(keyset, state, stateSpan, TextSpan.FromBounds(cs, PreviousSpan.End)));
                if (_pos == before)
                {
                    SkipTo(";", "}");
                    Accept(";");
                }
            }
            Expect("}");
            return new TransitionSyntax(null, default, exprs, cases, TextSpan.FromBounds(start, PreviousSpan.End));
        }
        var (name, nameSpan) = ExpectName("a state name or select");
        Expect(";");
        return new TransitionSyntax(name, nameSpan, null, null, TextSpan.FromBounds(start, PreviousSpan.End));
    }

    /// <summary>A keyset: <c>(k1, k2)</c> for tuples, or one simple keyset.</summary>
    private ExpressionSyntax ParseKeyset()
    {
        if (Current.Is("("))
        {
            int start = Current.Span.Start;
            _pos++;
            var items = new List<ExpressionSyntax>();
            while (!AtEnd && !Current.Is(")"))
            {
                items.Add(ParseSimpleKeyset());
                if (!Accept(","))
                {
                    break;
                }
            }
            Expect(")");
            var span = TextSpan.FromBounds(start, PreviousSpan.End);
            return items.Count == 1 ? items[0] : new ListSyntax(items, span);
        }
        return ParseSimpleKeyset();
    }

    private ExpressionSyntax ParseSimpleKeyset()
    {
        if (Current.Is("default"))
        {
            return new DefaultSyntax(_tokens[_pos++].Span);
        }
        if (Current.IsIdentifier("_") && (Peek(1).Is(",") || Peek(1).Is(")") || Peek(1).Is(":")))
        {
            return new DontCareSyntax(_tokens[_pos++].Span);
        }
        var e = ParseExpression();
        if (Current.Is("&&&") || Current.Is(".."))
        {
            var op = _tokens[_pos++];
            var r = ParseExpression();
            return new BinarySyntax(op.Text, e, r, op.Span, e.Span.Cover(r.Span));
        }
        return e;
    }

    private DeclarationSyntax ParseControl(List<Annotation> annotations, int start)
    {
        var (name, nameSpan, typeParams, ps, ctor, typeOnly) = ParseBlockHead("control", annotations, start);
        if (typeOnly != null)
        {
            return typeOnly;
        }
        var locals = new List<DeclarationSyntax>();
        BlockSyntax? apply = null;
        while (!AtEnd && !Current.Is("}"))
        {
            int before = _pos;
            int ls = Current.Span.Start;
            var la = ParseAnnotations();
            if (Current.IsIdentifier("apply") && Peek(1).Is("{"))
            {
                _pos++;
                if (apply != null)
                {
                    Error(PreviousSpan, $"control '{name}' has more than one apply block");
                }
                apply = ParseBlock(la);
                continue;
            }
            var local = ParseLocalDeclaration(la, ls, inParser: false);
            if (local != null)
            {
                locals.Add(local);
            }
            SkipUnparsedMember(before, $"expected a declaration or 'apply' in control '{name}' but found {Describe(Current)}");
        }
        var end = Expect("}");
        return new ControlSyntax(annotations, name, nameSpan, typeParams, ps, ctor, locals, apply, TextSpan.FromBounds(start, end.Span.End));
    }

    private DeclarationSyntax? ParseLocalDeclaration(List<Annotation> annotations, int start, bool inParser)
    {
        var t = Current;
        if (t.Is("const"))
        {
            return ParseConstant(annotations, start);
        }
        if (t.Is("action") && !inParser)
        {
            return ParseAction(annotations, start);
        }
        if (t.Is("table") && !inParser)
        {
            return ParseTable(annotations, start);
        }
        if (t.Is("value_set"))
        {
            return ParseValueSet(annotations, start);
        }
        if (StartsType(t))
        {
            if (IsTypeName(t) && (Peek(1).Is("(") || (Peek(1).Is("<") && IsInstantiationAhead())))
            {
                return ParseInstantiation(annotations, start);
            }
            return ParseVariable(annotations, start);
        }
        if (t.Kind == TokenKind.Identifier && Peek(1).Kind == TokenKind.Identifier)
        {
            Error(t.Span, $"unknown type '{t.Text}'");
            SkipTo(";", "}");
            Accept(";");
            return null;
        }
        return null;
    }

    private DeclarationSyntax ParseValueSet(List<Annotation> annotations, int start)
    {
        _pos++;
        SkipTo(";");
        var end = Expect(";");
        var span = TextSpan.FromBounds(start, end.Span.End);
        return new UnsupportedDeclarationSyntax(annotations, "value_set", span, "value_set", span);
    }

    private InstantiationSyntax ParseInstantiation(List<Annotation> annotations, int start)
    {
        var type = ParseType();
        var args = ParseArguments();
        var (name, nameSpan) = ExpectName("an instance name");
        if (Current.Is("="))
        {
            Error(Current.Span, "instances with an initializer block (abstract method implementations) are not supported");
            SkipTo(";");
        }
        Expect(";");
        return new InstantiationSyntax(annotations, type, args, name, nameSpan, TextSpan.FromBounds(start, PreviousSpan.End));
    }

    private VariableSyntax ParseVariable(List<Annotation> annotations, int start)
    {
        var type = ParseType();
        var (name, nameSpan) = ExpectName("a variable name");
        ExpressionSyntax? init = null;
        if (Accept("="))
        {
            init = ParseExpression();
        }
        Expect(";");
        return new VariableSyntax(annotations, type, name, nameSpan, init, TextSpan.FromBounds(start, PreviousSpan.End));
    }

    private DeclarationSyntax ParseFunctionOrVariable(List<Annotation> annotations, int start, bool topLevel)
    {
        // T name( ... ) { ... } is a function; otherwise a variable.
        int save = _pos;
        _speculating++;
        ParseType();
        bool isFunction = Current.Kind == TokenKind.Identifier && (Peek(1).Is("(") || Peek(1).Is("<"));
        _speculating--;
        _pos = save;
        if (isFunction && topLevel)
        {
            var f = ParseFunctionPrototype([], start, null);
            if (f.Body == null)
            {
                Error(f.NameSpan, $"function '{f.Name}' needs a body (or declare it 'extern')");
            }
            return f with { Annotations = annotations };
        }
        var v = ParseVariable(annotations, start);
        if (topLevel)
        {
            Error(v.NameSpan, $"variable '{v.Name}' cannot be declared at the top level; declare it inside a parser or control, or make it 'const'");
        }
        return v;
    }

    private TableSyntax ParseTable(List<Annotation> annotations, int start)
    {
        Expect("table");
        var (name, nameSpan) = ExpectName("a table name");
        Expect("{");
        var props = new List<TablePropertySyntax>();
        while (!AtEnd && !Current.Is("}"))
        {
            int before = _pos;
            int ps = Current.Span.Start;
            var pa = ParseAnnotations();
            bool isConst = Accept("const");
            var nameTok = Current;
            if (nameTok.Kind is not (TokenKind.Identifier or TokenKind.Keyword))
            {
                Error(nameTok.Span, $"expected a table property but found {Describe(nameTok)}");
                SkipTo(";", "}");
                Accept(";");
                if (_pos == before)
                {
                    _pos++;
                }
                continue;
            }
            _pos++;
            Expect("=");
            switch (nameTok.Text)
            {
                case "key":
                    props.Add(new KeyPropertySyntax(pa, ParseKeyElements(), nameTok.Span, TextSpan.FromBounds(ps, PreviousSpan.End)));
                    Accept(";");
                    break;
                case "actions":
                    props.Add(new ActionsPropertySyntax(pa, ParseActionList(), nameTok.Span, TextSpan.FromBounds(ps, PreviousSpan.End)));
                    Accept(";");
                    break;
                case "entries":
                    props.Add(new EntriesPropertySyntax(pa, isConst, ParseEntries(), nameTok.Span, TextSpan.FromBounds(ps, PreviousSpan.End)));
                    Accept(";");
                    break;
                default:
                    {
                        var value = ParseExpression();
                        Expect(";");
                        props.Add(new ValuePropertySyntax(pa, nameTok.Text, isConst, value, nameTok.Span, TextSpan.FromBounds(ps, PreviousSpan.End)));
                        break;
                    }
            }
            if (_pos == before)
            {
                _pos++;
            }
        }
        Expect("}");
        return new TableSyntax(annotations, name, nameSpan, props, TextSpan.FromBounds(start, PreviousSpan.End));
    }

    private List<KeyElementSyntax> ParseKeyElements() => ParseBracedItems(start =>
    {
        var e = ParseExpression();
        Expect(":");
        var (mk, mkSpan) = ExpectName("a match kind");
        var annotations = ParseAnnotations();
        Expect(";");
        return new KeyElementSyntax(annotations, e, mk, mkSpan, TextSpan.FromBounds(start, PreviousSpan.End));
    });

    private List<ActionReferenceSyntax> ParseActionList() => ParseBracedItems(start =>
    {
        var annotations = ParseAnnotations();
        var e = ParseExpression();
        Expect(";");
        return new ActionReferenceSyntax(annotations, e, TextSpan.FromBounds(start, PreviousSpan.End));
    });

    private List<EntrySyntax> ParseEntries() => ParseBracedItems(start =>
    {
        var annotations = ParseAnnotations();
        bool isConst = Accept("const");
        ExpressionSyntax? priority = null;
        if (Current.IsIdentifier("priority") && Peek(1).Is("="))
        {
            _pos += 2;
            priority = ParseExpression();
            Expect(":");
        }
        var keyset = ParseKeyset();
        Expect(":");
        var action = ParseExpression();
        annotations.AddRange(ParseAnnotations());
        Expect(";");
        return new EntrySyntax(annotations, isConst, priority, keyset, action, TextSpan.FromBounds(start, PreviousSpan.End));
    });

    /// <summary>
    /// <c>{ item* }</c> where each item ends with ';'. An item that consumed nothing is skipped up to the
    /// next ';' or '}', so one bad item yields one diagnostic and parsing goes on with the next.
    /// </summary>
    private List<T> ParseBracedItems<T>(Func<int, T> parseItem)
    {
        var list = new List<T>();
        Expect("{");
        while (!AtEnd && !Current.Is("}"))
        {
            int before = _pos;
            list.Add(parseItem(Current.Span.Start));
            if (_pos == before)
            {
                SkipTo(";", "}");
                Accept(";");
            }
        }
        Expect("}");
        return list;
    }

    // ------------------------------------------------------------ types

    private TypeSyntax ParseType()
    {
        var t = Current;
        int start = t.Span.Start;
        TypeSyntax type;
        if (t.Is("bit") || t.Is("int") || t.Is("varbit"))
        {
            _pos++;
            ExpressionSyntax? width = null;
            if (Current.Is("<"))
            {
                _pos++;
                if (Current.Kind == TokenKind.Integer)
                {
                    var w = _tokens[_pos++];
                    width = new IntegerLiteralSyntax(w.Value, w.Width, w.Signed, w.Text, w.Span);
                }
                else if (Current.Is("("))
                {
                    _pos++;
                    width = ParseExpression();
                    Expect(")");
                }
                else
                {
                    Error(Current.Span, $"expected a width (an integer, or an expression in parentheses) but found {Describe(Current)}");
                    width = new ErrorExpressionSyntax(Current.Span);
                }
                Expect(">");
            }
            else if (t.Text == "varbit")
            {
                Error(Current.Span, "varbit needs a maximum width: varbit<N>");
            }
            type = new BitTypeSyntax(t.Text, width, TextSpan.FromBounds(start, PreviousSpan.End));
        }
        else if (t.Is("bool") || t.Is("error") || t.Is("string") || t.Is("void") || t.Is("match_kind"))
        {
            _pos++;
            type = new PrimitiveTypeSyntax(t.Text, t.Span);
        }
        else if (t.Is("tuple"))
        {
            _pos++;
            var args = ParseTypeArguments();
            type = new TupleTypeSyntax(args, TextSpan.FromBounds(start, PreviousSpan.End));
        }
        else if (t.IsIdentifier("_"))
        {
            _pos++;
            type = new DontCareTypeSyntax(t.Span);
        }
        else if (t.Kind == TokenKind.Identifier || (t.Is(".") && Peek(1).Kind == TokenKind.Identifier))
        {
            if (t.Is("."))
            {
                _pos++;
            }
            var nameTok = _tokens[_pos++];
            if (!_typeNames.Contains(nameTok.Text))
            {
                Error(nameTok.Span, $"unknown type '{nameTok.Text}'");
            }
            var args = Current.Is("<") ? ParseTypeArguments() : [];
            type = new NamedTypeSyntax(nameTok.Text, args, TextSpan.FromBounds(start, PreviousSpan.End));
        }
        else
        {
            Error(t.Span, $"expected a type but found {Describe(t)}");
            return new DontCareTypeSyntax(new TextSpan(t.Span.Start, 0));
        }
        while (Current.Is("["))
        {
            _pos++;
            var size = ParseExpression();
            Expect("]");
            type = new StackTypeSyntax(type, size, TextSpan.FromBounds(start, PreviousSpan.End));
        }
        return type;
    }

    private List<TypeSyntax> ParseTypeArguments()
    {
        var list = new List<TypeSyntax>();
        Expect("<");
        while (!AtEnd && !Current.Is(">"))
        {
            list.Add(ParseType());
            if (!Accept(","))
            {
                break;
            }
        }
        Expect(">");
        return list;
    }

    // ------------------------------------------------------------ statements

    private BlockSyntax ParseBlock(List<Annotation> annotations)
    {
        int start = Current.Span.Start;
        Expect("{");
        var statements = new List<StatementSyntax>();
        while (!AtEnd && !Current.Is("}"))
        {
            int before = _pos;
            var s = ParseStatement();
            if (s != null)
            {
                statements.Add(s);
            }
            if (_pos == before)
            {
                _pos++;
            }
        }
        Expect("}");
        return new BlockSyntax(annotations, statements, TextSpan.FromBounds(start, PreviousSpan.End));
    }

    private StatementSyntax? ParseStatement()
    {
        int start = Current.Span.Start;
        var annotations = ParseAnnotations();
        var t = Current;
        if (t.Is("{"))
        {
            return ParseBlock(annotations);
        }
        if (t.Is(";"))
        {
            _pos++;
            return new EmptyStatementSyntax(t.Span);
        }
        if (t.Is("if"))
        {
            _pos++;
            Expect("(");
            var cond = ParseExpression();
            Expect(")");
            var then = ParseStatement() ?? new EmptyStatementSyntax(Current.Span);
            StatementSyntax? els = null;
            if (Accept("else"))
            {
                els = ParseStatement() ?? new EmptyStatementSyntax(Current.Span);
            }
            return new IfSyntax(cond, then, els, TextSpan.FromBounds(start, PreviousSpan.End));
        }
        if (t.Is("switch"))
        {
            return ParseSwitch(start);
        }
        if (t.Is("exit"))
        {
            _pos++;
            Expect(";");
            return new ExitSyntax(TextSpan.FromBounds(start, PreviousSpan.End));
        }
        if (t.Is("return"))
        {
            _pos++;
            ExpressionSyntax? value = null;
            if (!Current.Is(";"))
            {
                value = ParseExpression();
            }
            Expect(";");
            return new ReturnSyntax(value, TextSpan.FromBounds(start, PreviousSpan.End));
        }
        if (t.Is("const"))
        {
            var c = ParseConstant(annotations, start);
            return new DeclarationStatementSyntax(c, c.Span);
        }
        if (t.Is("transition"))
        {
            Error(t.Span, "a transition statement is only allowed at the end of a parser state");
            SkipTo(";", "}");
            Accept(";");
            return null;
        }
        if (t.Is("action") || t.Is("table"))
        {
            Error(t.Span, $"{(t.Text == "action" ? "an action" : "a table")} cannot be declared inside a block; declare it in the control, before 'apply'");
            SkipTo("}");
            Accept("}");
            return null;
        }
        if (StartsType(t) && !(IsTypeName(t) && Peek(1).Is(".")) && !(t.Is("error") && Peek(1).Is(".")))
        {
            DeclarationSyntax decl = IsTypeName(t) && (Peek(1).Is("(") || (Peek(1).Is("<") && IsInstantiationAhead()))
                ? ParseInstantiation(annotations, start)
                : ParseVariable(annotations, start);
            return new DeclarationStatementSyntax(decl, decl.Span);
        }
        if (t.Kind == TokenKind.Identifier && Peek(1).Kind == TokenKind.Identifier)
        {
            Error(t.Span, $"unknown type '{t.Text}'");
            SkipTo(";", "}");
            Accept(";");
            return null;
        }
        var e = ParseExpression();
        if (Accept("="))
        {
            var value = ParseExpression();
            Expect(";");
            return new AssignmentSyntax(e, value, TextSpan.FromBounds(start, PreviousSpan.End));
        }
        if (e is ErrorExpressionSyntax)
        {
            SkipTo(";", "}");
            Accept(";");
            return null;
        }
        Expect(";");
        if (e is not CallSyntax)
        {
            Error(e.Span, "expected a statement: only assignments and calls can be used as statements");
        }
        return new CallStatementSyntax(e, TextSpan.FromBounds(start, PreviousSpan.End));
    }

    private SwitchSyntax ParseSwitch(int start)
    {
        Expect("switch");
        Expect("(");
        var e = ParseExpression();
        Expect(")");
        Expect("{");
        var cases = new List<SwitchCaseSyntax>();
        while (!AtEnd && !Current.Is("}"))
        {
            int cs = Current.Span.Start;
            int before = _pos;
            ExpressionSyntax label = Current.Is("default") ? new DefaultSyntax(_tokens[_pos++].Span) : ParseExpression();
            Expect(":");
            BlockSyntax? body = Current.Is("{") ? ParseBlock([]) : null;
            cases.Add(new SwitchCaseSyntax(label, body, TextSpan.FromBounds(cs, PreviousSpan.End)));
            if (_pos == before)
            {
                SkipTo("}");
                break;
            }
        }
        Expect("}");
        return new SwitchSyntax(e, cases, TextSpan.FromBounds(start, PreviousSpan.End));
    }

    // ------------------------------------------------------------ expressions

    public ExpressionSyntax ParseExpression() => ParseConditional();

    private ExpressionSyntax ParseConditional()
    {
        var cond = ParseBinary(0);
        if (Accept("?"))
        {
            var a = ParseConditional();
            Expect(":");
            var b = ParseConditional();
            return new ConditionalSyntax(cond, a, b, cond.Span.Cover(b.Span));
        }
        return cond;
    }

    // Lowest to highest, as in the P4-16 grammar: comparisons bind looser than bitwise operators.
    private static readonly string[][] BinaryLevels =
    [
        ["||"],
        ["&&"],
        ["==", "!="],
        ["<", ">", "<=", ">="],
        ["|"],
        ["^"],
        ["&"],
        ["<<", ">>"],
        ["++", "+", "-", "|+|", "|-|"],
        ["*", "/", "%"],
    ];

    private string? PeekBinaryOperator(int level, out int tokenCount)
    {
        tokenCount = 1;
        var t = Current;
        if (t.Kind != TokenKind.Punctuation)
        {
            return null;
        }
        // '>>' is two adjacent '>' tokens (a single token would break nested type arguments).
        if (t.Text == ">" && Peek(1).Is(">") && Peek(1).Span.Start == t.Span.End)
        {
            if (level == 7)
            {
                tokenCount = 2;
                return ">>";
            }
            return null;
        }
        return Array.IndexOf(BinaryLevels[level], t.Text) >= 0 ? t.Text : null;
    }

    private ExpressionSyntax ParseBinary(int level)
    {
        if (level == BinaryLevels.Length)
        {
            return ParseUnary();
        }
        var left = ParseBinary(level + 1);
        while (true)
        {
            var op = PeekBinaryOperator(level, out int count);
            if (op == null)
            {
                return left;
            }
            var opSpan = TextSpan.FromBounds(Current.Span.Start, Peek(count - 1).Span.End);
            _pos += count;
            var right = ParseBinary(level + 1);
            left = new BinarySyntax(op, left, right, opSpan, left.Span.Cover(right.Span));
        }
    }

    private ExpressionSyntax ParseUnary()
    {
        var t = Current;
        if (t.Is("!") || t.Is("~") || t.Is("-") || t.Is("+"))
        {
            _pos++;
            var operand = ParseUnary();
            return new UnarySyntax(t.Text, operand, t.Span.Cover(operand.Span));
        }
        if (t.Is("(") && IsCastAhead())
        {
            _pos++;
            var type = ParseType();
            Expect(")");
            var operand = ParseUnary();
            return new CastSyntax(type, operand, t.Span.Cover(operand.Span));
        }
        return ParsePostfix(ParsePrimary());
    }

    private bool IsCastAhead()
    {
        var n = Peek(1);
        if (n.Kind == TokenKind.Keyword && (n.Text is "bit" or "int" or "varbit" or "bool" or "tuple"))
        {
            return true;
        }
        if (n.Is("error") || IsTypeName(n))
        {
            int save = _pos;
            _speculating++;
            try
            {
                _pos++;
                ParseType();
                return Current.Is(")") && !Peek(1).Is(".") && !Peek(1).Is(";") && !Peek(1).Is(")") && !Peek(1).Is(",") && !Peek(1).Is("]")
                    && !(Peek(1).Kind == TokenKind.Punctuation && Peek(1).Text is "==" or "!=" or "&&" or "||" or "?" or ":" or "}" or "=" or ">" or "<" or "*" or "/" or "%" or "&" or "|" or "^");
            }
            finally
            {
                _speculating--;
                _pos = save;
            }
        }
        return false;
    }

    private ExpressionSyntax ParsePrimary()
    {
        var t = Current;
        switch (t.Kind)
        {
            case TokenKind.Integer:
                _pos++;
                return new IntegerLiteralSyntax(t.Value, t.Width, t.Signed, t.Text, t.Span);
            case TokenKind.String:
                _pos++;
                return new StringLiteralSyntax(t.Text, t.Span);
            case TokenKind.Identifier:
                _pos++;
                if (t.Text == "_")
                {
                    return new DontCareSyntax(t.Span);
                }
                return new NameSyntax(t.Text, false, t.Span);
        }
        if (t.Is("true") || t.Is("false"))
        {
            _pos++;
            return new BoolLiteralSyntax(t.Text == "true", t.Span);
        }
        if (t.Is("error"))
        {
            _pos++;
            return new NameSyntax("error", false, t.Span);
        }
        if (t.Is(".") && Peek(1).Kind == TokenKind.Identifier)
        {
            _pos += 2;
            return new NameSyntax(Peek(-1).Text, true, t.Span.Cover(Peek(-1).Span));
        }
        if (t.Is("("))
        {
            _pos++;
            var e = ParseExpression();
            Expect(")");
            return e;
        }
        if (t.Is("{"))
        {
            return ParseBraceExpression();
        }
        if (t.Is("bit") || t.Is("int") || t.Is("varbit") || t.Is("bool") || t.Is("tuple"))
        {
            var type = ParseType();
            return new TypeExpressionSyntax(type, type.Span);
        }
        Error(t.Span, $"expected an expression but found {Describe(t)}");
        return new ErrorExpressionSyntax(new TextSpan(t.Span.Start, 0));
    }

    private ExpressionSyntax ParseBraceExpression()
    {
        int start = Current.Span.Start;
        Expect("{");
        if (Current.Kind == TokenKind.Identifier && Peek(1).Is("="))
        {
            var fields = new List<(string, TextSpan, ExpressionSyntax)>();
            while (!AtEnd && !Current.Is("}"))
            {
                var (n, ns) = ExpectName("a field name");
                Expect("=");
                fields.Add((n, ns, ParseExpression()));
                if (!Accept(","))
                {
                    break;
                }
            }
            Expect("}");
            return new StructInitializerSyntax(fields, TextSpan.FromBounds(start, PreviousSpan.End));
        }
        var items = new List<ExpressionSyntax>();
        while (!AtEnd && !Current.Is("}"))
        {
            items.Add(ParseExpression());
            if (!Accept(","))
            {
                break;
            }
        }
        Expect("}");
        return new ListSyntax(items, TextSpan.FromBounds(start, PreviousSpan.End));
    }

    private ExpressionSyntax ParsePostfix(ExpressionSyntax e)
    {
        while (true)
        {
            var t = Current;
            if (t.Is("."))
            {
                _pos++;
                var m = Current;
                if (m.Kind is TokenKind.Identifier or TokenKind.Keyword)
                {
                    _pos++;
                    e = new MemberSyntax(e, m.Text, m.Span, e.Span.Cover(m.Span));
                }
                else
                {
                    Error(m.Span, $"expected a member name after '.' but found {Describe(m)}");
                    return e;
                }
            }
            else if (t.Is("["))
            {
                _pos++;
                var index = ParseExpression();
                if (Accept(":"))
                {
                    var low = ParseExpression();
                    var end = Expect("]");
                    e = new SliceSyntax(e, index, low, e.Span.Cover(end.Span));
                }
                else
                {
                    var end = Expect("]");
                    e = new IndexSyntax(e, index, e.Span.Cover(end.Span));
                }
            }
            else if (t.Is("("))
            {
                var args = ParseArguments();
                e = new CallSyntax(e, [], args, TextSpan.FromBounds(e.Span.Start, PreviousSpan.End));
            }
            else if (t.Is("<") && e is NameSyntax or MemberSyntax && IsGenericCallAhead())
            {
                var typeArgs = ParseTypeArguments();
                var args = ParseArguments();
                e = new CallSyntax(e, typeArgs, args, TextSpan.FromBounds(e.Span.Start, PreviousSpan.End));
            }
            else
            {
                return e;
            }
        }
    }

    private bool IsGenericCallAhead()
    {
        int save = _pos;
        _speculating++;
        try
        {
            _pos++;
            if (!StartsType(Current) && !Current.IsIdentifier("_"))
            {
                return false;
            }
            while (!AtEnd)
            {
                ParseType();
                if (!Accept(","))
                {
                    break;
                }
            }
            return Current.Is(">") && Peek(1).Is("(");
        }
        finally
        {
            _speculating--;
            _pos = save;
        }
    }

    private List<ArgumentSyntax> ParseArguments()
    {
        var list = new List<ArgumentSyntax>();
        Expect("(");
        while (!AtEnd && !Current.Is(")"))
        {
            int start = Current.Span.Start;
            string? name = null;
            if (Current.Kind == TokenKind.Identifier && Peek(1).Is("=") && !Peek(2).Is("="))
            {
                name = Current.Text;
                _pos += 2;
            }
            var value = ParseExpression();
            list.Add(new ArgumentSyntax(name, value, TextSpan.FromBounds(start, PreviousSpan.End)));
            if (!Accept(","))
            {
                break;
            }
        }
        Expect(")");
        return list;
    }
}
