namespace Themis.P4Runtime.Info;

/// <summary>
/// Resolves one kind of P4Info object by id, fully-qualified name, P4Info alias, or unambiguous
/// short name (the last dotted segment), and suggests the closest names when a lookup fails.
/// </summary>
internal sealed class NameIndex<T> where T : class
{
    private readonly string _kind;
    private readonly Dictionary<uint, T> _byId = [];
    private readonly Dictionary<string, T> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string Name, T Item)>> _byShortName = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    public NameIndex(string kind, IEnumerable<T> items, Func<T, uint> id, Func<T, string> name, Func<T, string> alias)
    {
        _kind = kind;
        foreach (T item in items)
        {
            string fullName = name(item);
            _byId[id(item)] = item;
            _byName[fullName] = item;
            _names.Add(fullName);
            AddShort(ShortName(fullName), fullName, item);
            string a = alias(item);
            if (a.Length > 0 && a != fullName)
            {
                AddShort(a, fullName, item);
            }
        }
    }

    public IReadOnlyList<string> Names => _names;

    public int Count => _names.Count;

    public bool TryGet(string name, out T item)
    {
        if (_byName.TryGetValue(name, out T? found))
        {
            item = found;
            return true;
        }

        if (_byShortName.TryGetValue(name, out List<(string Name, T Item)>? candidates) &&
            candidates.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count() == 1)
        {
            item = candidates[0].Item;
            return true;
        }

        item = null!;
        return false;
    }

    public T Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (TryGet(name, out T item))
        {
            return item;
        }

        if (_byShortName.TryGetValue(name, out List<(string Name, T Item)>? candidates))
        {
            string[] full = candidates.Select(c => c.Name).Distinct(StringComparer.Ordinal).ToArray();
            throw new P4InfoLookupException(_kind, name, full,
                $"The {_kind} name '{name}' is ambiguous: {full.Length} {_kind}s end with it; use the fully-qualified name.");
        }

        throw new P4InfoLookupException(_kind, name, Closest(name));
    }

    public bool TryGet(uint id, out T item)
    {
        bool found = _byId.TryGetValue(id, out T? value);
        item = value!;
        return found;
    }

    public T Get(uint id)
    {
        if (_byId.TryGetValue(id, out T? item))
        {
            return item;
        }

        throw new P4InfoLookupException(_kind, $"0x{id:x8}", [], $"No {_kind} with id 0x{id:x8} ({id}) in the P4Info.");
    }

    public IReadOnlyList<string> Closest(string name, int count = 3) => NameSuggestions.Closest(name, _names, count);

    private void AddShort(string shortName, string fullName, T item)
    {
        if (!_byShortName.TryGetValue(shortName, out List<(string Name, T Item)>? list))
        {
            list = [];
            _byShortName[shortName] = list;
        }

        list.Add((fullName, item));
    }

    private static string ShortName(string name)
    {
        int dot = name.LastIndexOf('.');
        return dot < 0 ? name : name[(dot + 1)..];
    }
}
