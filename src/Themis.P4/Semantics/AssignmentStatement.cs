using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

public sealed class AssignmentStatement(BoundExpression target, BoundExpression value, TextSpan span) : BoundStatement(span)
{
    public BoundExpression Target { get; } = target;

    /// <summary>Already of the target's type.</summary>
    public BoundExpression Value { get; } = value;
}
