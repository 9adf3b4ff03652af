using Themis.P4.Semantics;

namespace Themis.Switch.Execution;

/// <summary>Hands out cells of the per-packet arrays and builds the <see cref="Loc"/> of a type.</summary>
internal sealed class StorageAllocator
{
    private readonly List<int> _varbitBytes = [];

    public int NarrowCount { get; private set; }

    public int WideCount { get; private set; }

    public int VarbitCount => _varbitBytes.Count;

    /// <summary>Capacity in bytes of each varbit cell.</summary>
    public IReadOnlyList<int> VarbitBytes => _varbitBytes;

    public int NewNarrow() => NarrowCount++;

    /// <summary>Storage for a value of <paramref name="type"/>.</summary>
    public Loc Allocate(P4Type type)
    {
        switch (type)
        {
            case NewType n:
                return Allocate(n.UnderlyingType);
            case VarbitType v:
                {
                    int index = _varbitBytes.Count;
                    _varbitBytes.Add((v.MaxWidth + 7) / 8);
                    return new VarbitLoc(v, index, NewNarrow(), v.MaxWidth);
                }

            case StructType { Kind: StructKind.Header } h:
                {
                    int valid = NewNarrow();
                    Loc[] fields = [.. h.Fields.Select(f => Allocate(f.Type))];
                    return new HeaderLoc(h, valid, fields);
                }

            case StructType { Kind: StructKind.HeaderUnion } u:
                {
                    Loc[] members = [.. u.Fields.Select(f => Allocate(f.Type))];
                    HeaderLoc[] headers = [.. members.OfType<HeaderLoc>()];
                    foreach (HeaderLoc h in headers)
                    {
                        h.Siblings = [.. headers.Where(x => x != h)];
                    }

                    return new StructLoc(u, members);
                }

            case StructType s:
                return new StructLoc(s, [.. s.Fields.Select(f => Allocate(f.Type))]);
            case StackType st:
                {
                    int next = NewNarrow();
                    Loc[] elements = [.. Enumerable.Range(0, st.Size).Select(_ => Allocate(st.Element))];
                    return new StackLoc(st, elements, next);
                }

            case ExternType:
                return new ExternLoc(type);
            default:
                {
                    int width = Types.Width(type);
                    return width <= 64
                        ? new ScalarLoc(type, NewNarrow(), width, Types.IsSigned(type))
                        : new WideLoc(type, WideCount++, width, Types.IsSigned(type));
                }
        }
    }
}
