using System.Globalization;
using System.Text;
using Themis.P4.Text;

namespace Themis.P4.Preprocessing;

/// <summary>Evaluates the integer expression of an <c>#if</c> after macro expansion (unknown identifiers are 0).</summary>
internal sealed class ConditionEvaluator
{
    private readonly List<string> _tokens = [];
    private int _pos;

    public ConditionEvaluator(string text)
    {
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            int j = i;
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                while (j < text.Length && (char.IsLetterOrDigit(text[j]) || text[j] == '_'))
                {
                    j++;
                }
            }
            else
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
                j = two is "&&" or "||" or "==" or "!=" or "<=" or ">=" or "<<" or ">>" ? i + 2 : i + 1;
            }
            _tokens.Add(text[i..j]);
            i = j;
        }
    }

    public bool TryEvaluate(out long value, out string? error)
    {
        try
        {
            value = Conditional();
            if (_pos != _tokens.Count)
            {
                error = $"unexpected '{_tokens[_pos]}'";
                return false;
            }
            error = null;
            return true;
        }
        catch (FormatException e)
        {
            value = 0;
            error = e.Message;
            return false;
        }
        catch (DivideByZeroException)
        {
            value = 0;
            error = "division by zero";
            return false;
        }
    }

    private string Peek => _pos < _tokens.Count ? _tokens[_pos] : "";

    private bool Accept(string t)
    {
        if (Peek == t)
        {
            _pos++;
            return true;
        }
        return false;
    }

    private long Conditional()
    {
        var c = Binary(0);
        if (Accept("?"))
        {
            var a = Conditional();
            if (!Accept(":"))
            {
                throw new FormatException("expected ':'");
            }
            var b = Conditional();
            return c != 0 ? a : b;
        }
        return c;
    }

    private static readonly string[][] Levels =
    [
        ["||"], ["&&"], ["|"], ["^"], ["&"], ["==", "!="], ["<", "<=", ">", ">="], ["<<", ">>"], ["+", "-"], ["*", "/", "%"],
    ];

    private long Binary(int level)
    {
        if (level == Levels.Length)
        {
            return Unary();
        }
        var left = Binary(level + 1);
        while (Array.IndexOf(Levels[level], Peek) >= 0)
        {
            var op = _tokens[_pos++];
            var right = Binary(level + 1);
            left = op switch
            {
                "||" => (left != 0 || right != 0) ? 1 : 0,
                "&&" => (left != 0 && right != 0) ? 1 : 0,
                "|" => left | right,
                "^" => left ^ right,
                "&" => left & right,
                "==" => left == right ? 1 : 0,
                "!=" => left != right ? 1 : 0,
                "<" => left < right ? 1 : 0,
                "<=" => left <= right ? 1 : 0,
                ">" => left > right ? 1 : 0,
                ">=" => left >= right ? 1 : 0,
                "<<" => left << (int)right,
                ">>" => left >> (int)right,
                "+" => left + right,
                "-" => left - right,
                "*" => left * right,
                "/" => left / right,
                _ => left % right,
            };
        }
        return left;
    }

    private long Unary()
    {
        if (Accept("!"))
        {
            return Unary() == 0 ? 1 : 0;
        }
        if (Accept("-"))
        {
            return -Unary();
        }
        if (Accept("+"))
        {
            return Unary();
        }
        if (Accept("~"))
        {
            return ~Unary();
        }
        if (Accept("("))
        {
            var v = Conditional();
            if (!Accept(")"))
            {
                throw new FormatException("expected ')'");
            }
            return v;
        }
        var t = Peek;
        if (t.Length == 0)
        {
            throw new FormatException("expression ends too early");
        }
        _pos++;
        if (char.IsDigit(t[0]))
        {
            var digits = t.TrimEnd('u', 'U', 'l', 'L');
            if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                return long.Parse(digits.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
            if (digits.Length > 1 && digits[0] == '0' && digits.All(char.IsDigit))
            {
                return Convert.ToInt64(digits, 8);
            }
            return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
                ? v
                : throw new FormatException($"'{t}' is not an integer");
        }
        if (char.IsLetter(t[0]) || t[0] == '_')
        {
            return 0; // an identifier that is not a macro counts as 0
        }
        throw new FormatException($"unexpected '{t}'");
    }
}
