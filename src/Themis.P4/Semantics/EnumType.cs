using System.Numerics;
using Themis.P4.Syntax;

namespace Themis.P4.Semantics;

/// <summary>An enum; serializable when it has an underlying <c>bit&lt;W&gt;</c>/<c>int&lt;W&gt;</c> type.</summary>
public sealed class EnumType : P4Type
{
    internal EnumType(string name, BitsType? underlyingBits, IReadOnlyList<string> members, IReadOnlyList<BigInteger> values, IReadOnlyList<Annotation> annotations)
    {
        Name = name;
        UnderlyingBits = underlyingBits;
        Members = members;
        Values = values;
        Annotations = annotations;
    }

    public string Name { get; }

    public BitsType? UnderlyingBits { get; }

    public bool IsSerializable => UnderlyingBits != null;

    public IReadOnlyList<string> Members { get; }

    /// <summary>Member values: the declared ones for a serializable enum, else 0, 1, 2... (the member index).</summary>
    public IReadOnlyList<BigInteger> Values { get; }

    public IReadOnlyList<Annotation> Annotations { get; }

    public override int? BitWidth => UnderlyingBits?.Width;

    public override string ToString() => Name;
}
