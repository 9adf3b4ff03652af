using System.Globalization;
using System.Text;
using Themis.P4.Text;

namespace Themis.P4.Preprocessing;

/// <summary>
/// The subset of the C preprocessor P4 programs use: <c>#include</c>, object- and function-like
/// <c>#define</c>, <c>#undef</c>, and conditionals with integer expressions and <c>defined</c>.
/// Comments are removed here (newlines kept) so the lexer never sees them. Each output line
/// remembers the file and line it came from.
/// </summary>
public sealed class Preprocessor
{
    private const int MaxIncludeDepth = 64;
    private readonly ISourceFileReader _reader;
    private readonly IReadOnlyList<string> _includeDirectories;
    private readonly Dictionary<string, MacroDefinition> _macros = new(StringComparer.Ordinal);
    private readonly StringBuilder _output = new();
    private readonly List<(string File, int Line)> _origins = [];
    private readonly DiagnosticBag _diagnostics = new();
    private int _depth;

    public Preprocessor(ISourceFileReader reader, IReadOnlyList<string> includeDirectories, IReadOnlyDictionary<string, string>? defines = null)
    {
        _reader = reader;
        _includeDirectories = includeDirectories;
        if (defines != null)
        {
            foreach (var (name, value) in defines)
            {
                _macros[name] = new MacroDefinition(name, null, value);
            }
        }
    }

    public PreprocessResult Run(string fileName, string text)
    {
        ProcessFile(fileName, text);
        return new PreprocessResult(new SourceText(_output.ToString(), _origins), _diagnostics.Items);
    }

    private sealed class Conditional
    {
        public bool ParentActive;
        public bool Active;
        public bool AnyTaken;
        public bool SeenElse;
        public SourceLocation Where;
    }

    private void ProcessFile(string fileName, string text)
    {
        _depth++;
        var lines = SplitLogicalLines(StripComments(text, fileName));
        var stack = new Stack<Conditional>();
        bool Active() => stack.Count == 0 || stack.Peek().Active;
        foreach (var (line, lineNumber) in lines)
        {
            var trimmed = line.TrimStart();
            var where = new SourceLocation(fileName, lineNumber, line.Length - trimmed.Length + 1);
            if (trimmed.StartsWith('#'))
            {
                var rest = trimmed[1..].TrimStart();
                int nameEnd = 0;
                while (nameEnd < rest.Length && char.IsLetter(rest[nameEnd]))
                {
                    nameEnd++;
                }
                var directive = rest[..nameEnd];
                var argument = rest[nameEnd..].Trim();
                switch (directive)
                {
                    case "ifdef":
                    case "ifndef":
                        {
                            bool cond = _macros.ContainsKey(FirstIdentifier(argument)) == (directive == "ifdef");
                            if (FirstIdentifier(argument).Length == 0 && Active())
                            {
                                _diagnostics.Error(where, $"#{directive} needs a macro name");
                            }
                            bool parent = Active();
                            stack.Push(new Conditional { ParentActive = parent, Active = parent && cond, AnyTaken = cond, Where = where });
                            break;
                        }
                    case "if":
                        {
                            bool parent = Active();
                            bool cond = parent && EvaluateCondition(argument, where);
                            stack.Push(new Conditional { ParentActive = parent, Active = cond, AnyTaken = cond, Where = where });
                            break;
                        }
                    case "elif":
                        if (stack.Count == 0)
                        {
                            _diagnostics.Error(where, "#elif without #if");
                            break;
                        }
                        {
                            var c = stack.Peek();
                            if (c.SeenElse)
                            {
                                _diagnostics.Error(where, "#elif after #else");
                            }
                            if (c.AnyTaken || !c.ParentActive)
                            {
                                c.Active = false;
                            }
                            else
                            {
                                c.Active = EvaluateCondition(argument, where);
                                c.AnyTaken = c.Active;
                            }
                        }
                        break;
                    case "else":
                        if (stack.Count == 0)
                        {
                            _diagnostics.Error(where, "#else without #if");
                            break;
                        }
                        {
                            var c = stack.Peek();
                            if (c.SeenElse)
                            {
                                _diagnostics.Error(where, "#else after #else");
                            }
                            c.SeenElse = true;
                            c.Active = c.ParentActive && !c.AnyTaken;
                            c.AnyTaken = true;
                        }
                        break;
                    case "endif":
                        if (stack.Count == 0)
                        {
                            _diagnostics.Error(where, "#endif without #if");
                        }
                        else
                        {
                            stack.Pop();
                        }
                        break;
                    default:
                        if (Active())
                        {
                            ProcessActiveDirective(directive, argument, where, fileName);
                        }
                        break;
                }
                continue;
            }
            if (!Active())
            {
                continue;
            }
            _output.Append(Expand(line, where, new HashSet<string>(StringComparer.Ordinal))).Append('\n');
            _origins.Add((fileName, lineNumber));
        }
        foreach (var c in stack)
        {
            _diagnostics.Error(c.Where, "unterminated conditional directive: #endif is missing");
        }
        _depth--;
    }

    private void ProcessActiveDirective(string directive, string argument, SourceLocation where, string fileName)
    {
        switch (directive)
        {
            case "include":
                Include(argument, where, fileName);
                break;
            case "define":
                Define(argument, where);
                break;
            case "undef":
                _macros.Remove(FirstIdentifier(argument));
                break;
            case "error":
                _diagnostics.Error(where, $"#error {argument}");
                break;
            case "warning":
                _diagnostics.Warning(where, $"#warning {argument}");
                break;
            case "pragma":
            case "line":
            case "":
                break;
            default:
                _diagnostics.Error(where, $"unknown preprocessor directive '#{directive}'");
                break;
        }
    }

    private void Include(string argument, SourceLocation where, string fileName)
    {
        var expanded = argument.Length > 0 && argument[0] is '"' or '<' ? argument : Expand(argument, where, []).Trim();
        if (expanded.Length < 2 || !((expanded[0] == '"' && expanded.IndexOf('"', 1) > 0) || (expanded[0] == '<' && expanded.IndexOf('>', 1) > 0)))
        {
            _diagnostics.Error(where, "#include expects \"FILE\" or <FILE>");
            return;
        }
        bool quoted = expanded[0] == '"';
        var name = expanded[1..expanded.IndexOf(quoted ? '"' : '>', 1)];
        if (_depth >= MaxIncludeDepth)
        {
            _diagnostics.Error(where, $"#include nested too deeply (more than {MaxIncludeDepth} levels): is '{name}' including itself?");
            return;
        }
        var candidates = new List<string>();
        if (quoted)
        {
            var dir = Path.GetDirectoryName(fileName);
            candidates.Add(string.IsNullOrEmpty(dir) ? name : Path.Combine(dir, name));
        }
        candidates.AddRange(_includeDirectories.Select(d => Path.Combine(d, name)));
        foreach (var candidate in candidates)
        {
            var text = _reader.TryRead(candidate);
            if (text != null)
            {
                ProcessFile(candidate, text);
                return;
            }
        }
        var builtin = StandardIncludes.TryGet(name);
        if (builtin != null)
        {
            ProcessFile(name, builtin);
            return;
        }
        _diagnostics.Error(where, $"cannot find include file '{name}' (searched {(quoted ? "next to the including file, then " : "")}the include directories and the built-in core.p4/v1model.p4)");
    }

    private void Define(string argument, SourceLocation where)
    {
        var name = FirstIdentifier(argument);
        if (name.Length == 0)
        {
            _diagnostics.Error(where, "#define needs a macro name");
            return;
        }
        var rest = argument[name.Length..];
        List<string>? parameters = null;
        if (rest.StartsWith('('))
        {
            int close = rest.IndexOf(')', StringComparison.Ordinal);
            if (close < 0)
            {
                _diagnostics.Error(where, $"missing ')' in the parameter list of macro '{name}'");
                return;
            }
            parameters = [.. rest[1..close].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
            rest = rest[(close + 1)..];
        }
        var body = rest.Trim();
        if (_macros.TryGetValue(name, out var old) && (old.Body != body || (old.Parameters == null) != (parameters == null)))
        {
            _diagnostics.Warning(where, $"macro '{name}' redefined");
        }
        _macros[name] = new MacroDefinition(name, parameters, body);
    }

    private static string FirstIdentifier(string s)
    {
        int i = 0;
        while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_'))
        {
            i++;
        }
        return i > 0 && !char.IsDigit(s[0]) ? s[..i] : "";
    }

    /// <summary>Replaces macros in <paramref name="text"/>, never inside string literals, never a macro inside its own expansion.</summary>
    private string Expand(string text, SourceLocation where, HashSet<string> active)
    {
        if (_macros.Count == 0)
        {
            return text;
        }
        var sb = new StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '"')
            {
                int j = i + 1;
                while (j < text.Length && text[j] != '"')
                {
                    j += text[j] == '\\' ? 2 : 1;
                }
                j = Math.Min(j + 1, text.Length);
                sb.Append(text, i, j - i);
                i = j;
                continue;
            }
            if (char.IsDigit(c))
            {
                // A number (possibly 8w5 or 0xFF): copied whole so its letters are not taken for macros.
                int j = i;
                while (j < text.Length && (char.IsLetterOrDigit(text[j]) || text[j] == '_'))
                {
                    j++;
                }
                sb.Append(text, i, j - i);
                i = j;
                continue;
            }
            if (char.IsLetter(c) || c == '_')
            {
                int j = i;
                while (j < text.Length && (char.IsLetterOrDigit(text[j]) || text[j] == '_'))
                {
                    j++;
                }
                var id = text[i..j];
                if (!active.Contains(id) && _macros.TryGetValue(id, out var macro))
                {
                    if (macro.Parameters == null)
                    {
                        var inner = new HashSet<string>(active, StringComparer.Ordinal) { id };
                        sb.Append(Expand(macro.Body, where, inner));
                        i = j;
                        continue;
                    }
                    int k = j;
                    while (k < text.Length && char.IsWhiteSpace(text[k]))
                    {
                        k++;
                    }
                    if (k < text.Length && text[k] == '(' && TryReadMacroArguments(text, k, out var args, out int end))
                    {
                        if (args.Count != macro.Parameters.Count && !(macro.Parameters.Count == 0 && args.Count == 1 && args[0].Length == 0))
                        {
                            _diagnostics.Error(where, $"macro '{id}' takes {macro.Parameters.Count} argument(s) but {args.Count} were given");
                        }
                        var map = new Dictionary<string, string>(StringComparer.Ordinal);
                        for (int p = 0; p < macro.Parameters.Count; p++)
                        {
                            map[macro.Parameters[p]] = p < args.Count ? Expand(args[p], where, active) : "";
                        }
                        var substituted = SubstituteParameters(macro.Body, map);
                        var inner = new HashSet<string>(active, StringComparer.Ordinal) { id };
                        sb.Append(Expand(substituted, where, inner));
                        i = end;
                        continue;
                    }
                }
                sb.Append(id);
                i = j;
                continue;
            }
            sb.Append(c);
            i++;
        }
        return sb.ToString();
    }

    private static bool TryReadMacroArguments(string text, int open, out List<string> args, out int end)
    {
        args = [];
        int depth = 0;
        int start = open + 1;
        for (int i = open; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
                if (depth == 0)
                {
                    args.Add(text[start..i].Trim());
                    end = i + 1;
                    return true;
                }
            }
            else if (c == ',' && depth == 1)
            {
                args.Add(text[start..i].Trim());
                start = i + 1;
            }
        }
        end = open;
        return false;
    }

    private static string SubstituteParameters(string body, Dictionary<string, string> map)
    {
        var sb = new StringBuilder();
        int i = 0;
        while (i < body.Length)
        {
            if (char.IsLetter(body[i]) || body[i] == '_')
            {
                int j = i;
                while (j < body.Length && (char.IsLetterOrDigit(body[j]) || body[j] == '_'))
                {
                    j++;
                }
                var id = body[i..j];
                sb.Append(map.TryGetValue(id, out var v) ? v : id);
                i = j;
            }
            else
            {
                sb.Append(body[i]);
                i++;
            }
        }
        return sb.ToString();
    }

    private bool EvaluateCondition(string expression, SourceLocation where)
    {
        // `defined X` / `defined(X)` are decided before macro expansion, as in C.
        var sb = new StringBuilder();
        int i = 0;
        while (i < expression.Length)
        {
            if (string.CompareOrdinal(expression, i, "defined", 0, 7) == 0 && (i + 7 >= expression.Length || !(char.IsLetterOrDigit(expression[i + 7]) || expression[i + 7] == '_'))
                && (i == 0 || !(char.IsLetterOrDigit(expression[i - 1]) || expression[i - 1] == '_')))
            {
                int j = i + 7;
                while (j < expression.Length && char.IsWhiteSpace(expression[j]))
                {
                    j++;
                }
                bool paren = j < expression.Length && expression[j] == '(';
                if (paren)
                {
                    j++;
                    while (j < expression.Length && char.IsWhiteSpace(expression[j]))
                    {
                        j++;
                    }
                }
                var name = FirstIdentifier(expression[j..]);
                j += name.Length;
                if (paren)
                {
                    while (j < expression.Length && char.IsWhiteSpace(expression[j]))
                    {
                        j++;
                    }
                    if (j < expression.Length && expression[j] == ')')
                    {
                        j++;
                    }
                    else
                    {
                        _diagnostics.Error(where, "missing ')' after 'defined'");
                    }
                }
                if (name.Length == 0)
                {
                    _diagnostics.Error(where, "'defined' needs a macro name");
                }
                sb.Append(_macros.ContainsKey(name) ? " 1 " : " 0 ");
                i = j;
                continue;
            }
            sb.Append(expression[i]);
            i++;
        }
        var expanded = Expand(sb.ToString(), where, []);
        var evaluator = new ConditionEvaluator(expanded);
        if (!evaluator.TryEvaluate(out long value, out string? error))
        {
            _diagnostics.Error(where, $"invalid #if expression '{expression}': {error}");
            return false;
        }
        return value != 0;
    }

    /// <summary>Replaces comments by spaces (keeping newlines, so line numbers do not move).</summary>
    private string StripComments(string text, string fileName)
    {
        var sb = new StringBuilder(text.Length);
        int i = 0;
        int line = 1;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '"')
            {
                int j = i + 1;
                while (j < text.Length && text[j] != '"' && text[j] != '\n')
                {
                    j += text[j] == '\\' && j + 1 < text.Length ? 2 : 1;
                }
                j = Math.Min(j + 1, text.Length);
                sb.Append(text, i, j - i);
                i = j;
                continue;
            }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
                continue;
            }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                int startLine = line;
                i += 2;
                sb.Append("  ");
                while (i < text.Length && !(text[i] == '*' && i + 1 < text.Length && text[i + 1] == '/'))
                {
                    if (text[i] == '\n')
                    {
                        line++;
                    }
                    sb.Append(text[i] == '\n' ? '\n' : ' ');
                    i++;
                }
                if (i >= text.Length)
                {
                    _diagnostics.Error(new SourceLocation(fileName, startLine, 1), "unterminated /* comment");
                }
                else
                {
                    sb.Append("  ");
                    i += 2;
                }
                continue;
            }
            if (c == '\n')
            {
                line++;
            }
            if (c != '\r')
            {
                sb.Append(c);
            }
            i++;
        }
        return sb.ToString();
    }

    /// <summary>Splits into lines, joining backslash-continued lines; each keeps its first physical line number.</summary>
    private static List<(string Text, int Line)> SplitLogicalLines(string text)
    {
        var result = new List<(string, int)>();
        var physical = text.Split('\n');
        var sb = new StringBuilder();
        int start = -1;
        for (int i = 0; i < physical.Length; i++)
        {
            var l = physical[i];
            if (start < 0)
            {
                start = i + 1;
            }
            if (l.EndsWith('\\'))
            {
                sb.Append(l, 0, l.Length - 1).Append(' ');
                continue;
            }
            sb.Append(l);
            result.Add((sb.ToString(), start));
            sb.Clear();
            start = -1;
        }
        if (start > 0)
        {
            result.Add((sb.ToString(), start));
        }
        return result;
    }
}
