using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>One key field of a table.</summary>
public sealed class TableKey
{
    internal TableKey(BoundExpression expression, string matchKind, string name, int id, IReadOnlyList<Annotation> annotations)
    {
        Expression = expression;
        MatchKind = matchKind;
        Name = name;
        Id = id;
        Annotations = annotations;
    }

    /// <summary>The value to match (evaluated when the table is applied).</summary>
    public BoundExpression Expression { get; }

    /// <summary><c>exact</c>, <c>ternary</c>, <c>lpm</c>, <c>range</c>, <c>optional</c> or <c>selector</c>.</summary>
    public string MatchKind { get; }

    /// <summary>Control-plane name: <c>@name</c> or the expression as written (<c>hdr.ipv4.dstAddr</c>).</summary>
    public string Name { get; }

    /// <summary>P4Runtime match field id (position from 1, or <c>@id</c>).</summary>
    public int Id { get; }

    /// <summary>Bit width of the key (bool is 1).</summary>
    public int BitWidth => Expression.Type.BitWidth ?? 0;

    public IReadOnlyList<Annotation> Annotations { get; }
}
