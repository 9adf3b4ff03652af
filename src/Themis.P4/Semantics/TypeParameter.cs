using System.Numerics;
using Themis.P4.Syntax;

namespace Themis.P4.Semantics;

/// <summary>A type parameter of a generic declaration (before specialisation).</summary>
public sealed class TypeParameter : P4Type
{
    internal TypeParameter(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public override string ToString() => Name;
}
