using System.Numerics;
using Themis.P4.Syntax;

namespace Themis.P4.Semantics;

/// <summary><c>varbit&lt;W&gt;</c>.</summary>
public sealed class VarbitType : P4Type
{
    private static readonly Dictionary<int, VarbitType> Cache = [];

    private VarbitType(int maxWidth)
    {
        MaxWidth = maxWidth;
    }

    public int MaxWidth { get; }

    public static VarbitType Get(int maxWidth)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(maxWidth, out var t))
            {
                t = new VarbitType(maxWidth);
                Cache[maxWidth] = t;
            }
            return t;
        }
    }

    public override string ToString() => $"varbit<{MaxWidth}>";
}
