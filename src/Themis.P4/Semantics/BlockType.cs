using System.Numerics;
using Themis.P4.Syntax;

namespace Themis.P4.Semantics;

/// <summary>The type of a parser, control or package (an architecture prototype or a declaration).</summary>
public sealed class BlockType : P4Type
{
    public BlockType(string keyword, string name, IReadOnlyList<Parameter> parameters, IReadOnlyList<P4Type> typeArguments)
    {
        Keyword = keyword;
        Name = name;
        Parameters = parameters;
        TypeArguments = typeArguments;
    }

    /// <summary><c>parser</c>, <c>control</c> or <c>package</c>.</summary>
    public string Keyword { get; }

    public string Name { get; }

    public IReadOnlyList<Parameter> Parameters { get; }

    public IReadOnlyList<P4Type> TypeArguments { get; }

    public override string ToString() => Name;
}
