using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

public sealed class BlockStatement(IReadOnlyList<BoundStatement> statements, TextSpan span) : BoundStatement(span)
{
    public static readonly BlockStatement Empty = new([], default);

    public IReadOnlyList<BoundStatement> Statements { get; } = statements;
}
