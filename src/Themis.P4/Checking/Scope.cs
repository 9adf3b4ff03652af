namespace Themis.P4.Checking;

/// <summary>A lexical scope: names to symbols (types, variables, constants, actions, tables, instances, functions).</summary>
internal sealed class Scope(Scope? parent)
{
    private readonly Dictionary<string, object> _symbols = new(StringComparer.Ordinal);

    public Scope? Parent { get; } = parent;

    public bool TryDeclare(string name, object symbol)
    {
        if (_symbols.ContainsKey(name))
        {
            return false;
        }
        _symbols[name] = symbol;
        return true;
    }

    public void Set(string name, object symbol) => _symbols[name] = symbol;

    public object? LookupLocal(string name) => _symbols.GetValueOrDefault(name);

    public object? Lookup(string name)
    {
        for (var s = this; s != null; s = s.Parent)
        {
            if (s._symbols.TryGetValue(name, out var v))
            {
                return v;
            }
        }
        return null;
    }

    public Scope Root
    {
        get
        {
            var s = this;
            while (s.Parent != null)
            {
                s = s.Parent;
            }
            return s;
        }
    }
}
