using System.Numerics;
using Themis.P4.Syntax;

namespace Themis.P4.Semantics;

/// <summary>A struct, header or header_union type.</summary>
public sealed class StructType : P4Type
{
    private readonly List<Field> _fields = [];

    internal StructType(StructKind kind, string name, IReadOnlyList<Annotation> annotations)
    {
        Kind = kind;
        Name = name;
        Annotations = annotations;
    }

    public StructKind Kind { get; }

    public string Name { get; }

    public IReadOnlyList<Field> Fields => _fields;

    public IReadOnlyList<Annotation> Annotations { get; }

    public bool IsHeader => Kind == StructKind.Header;

    /// <summary>For headers: total fixed width in bits (a varbit field counts as 0).</summary>
    public override int? BitWidth => Kind == StructKind.Header ? _fields.Sum(f => f.Type.BitWidth ?? 0) : null;

    /// <summary>The varbit field of a header, if it has one.</summary>
    public Field? VarbitField => _fields.Find(f => f.Type is VarbitType);

    public Field? GetField(string name) => _fields.Find(f => f.Name == name);

    internal void AddField(Field f) => _fields.Add(f);

    public override string ToString() => Name;
}
