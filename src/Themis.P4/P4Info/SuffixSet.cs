namespace Themis.P4.P4Info;

/// <summary>
/// The shortest unique dot-separated suffix of each name among all names added, which is how
/// p4c picks P4Info aliases (<c>MyIngress.ipv4_lpm</c> becomes <c>ipv4_lpm</c> unless another
/// object ends in the same component).
/// </summary>
internal sealed class SuffixSet
{
    private sealed class Node
    {
        public Dictionary<string, Node> Edges { get; } = new(StringComparer.Ordinal);

        public int Instances { get; set; }
    }

    private readonly Node _root = new();
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public void Add(string name)
    {
        if (!_names.Add(name))
        {
            return;
        }
        var node = _root;
        foreach (var component in name.Split('.').Reverse())
        {
            if (!node.Edges.TryGetValue(component, out var next))
            {
                next = new Node();
                node.Edges[component] = next;
            }
            node = next;
            node.Instances++;
        }
    }

    public string ShortestUniqueSuffix(string name)
    {
        var components = name.Split('.');
        var node = _root;
        int needed = 0;
        for (int i = components.Length - 1; i >= 0; i--)
        {
            if (!node.Edges.TryGetValue(components[i], out var next))
            {
                return name;
            }
            node = next;
            needed++;
            if (node.Instances < 2)
            {
                break;
            }
        }
        return string.Join('.', components[^needed..]);
    }
}
