using System.Numerics;
using Themis.P4.Syntax;

namespace Themis.P4.Semantics;

/// <summary>A field of a struct, header or header union.</summary>
public sealed class Field
{
    internal Field(string name, P4Type type, int index, int bitOffset, IReadOnlyList<Annotation> annotations)
    {
        Name = name;
        Type = type;
        Index = index;
        BitOffset = bitOffset;
        Annotations = annotations;
    }

    public string Name { get; }

    public P4Type Type { get; }

    /// <summary>Position in the declaration, from 0.</summary>
    public int Index { get; }

    /// <summary>For header fields: the offset in bits from the start of the header (varbit counted at 0 width); else -1.</summary>
    public int BitOffset { get; }

    public IReadOnlyList<Annotation> Annotations { get; }

    public override string ToString() => $"{Type} {Name}";
}
