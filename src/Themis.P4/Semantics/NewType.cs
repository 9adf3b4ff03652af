using System.Numerics;
using Themis.P4.Syntax;

namespace Themis.P4.Semantics;

/// <summary>A type introduced with <c>type T Name;</c>: distinct from T, convertible by casts.</summary>
public sealed class NewType : P4Type
{
    internal NewType(string name, P4Type underlyingType, IReadOnlyList<Annotation> annotations)
    {
        Name = name;
        UnderlyingType = underlyingType;
        Annotations = annotations;
    }

    public string Name { get; }

    public P4Type UnderlyingType { get; }

    public IReadOnlyList<Annotation> Annotations { get; }

    public override int? BitWidth => UnderlyingType.BitWidth;

    public override string ToString() => Name;
}
