using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary><c>switch (t.apply().action_run) { ... }</c> (selector is an <see cref="ActionRunExpression"/>) or a switch on a value.</summary>
public sealed class SwitchStatement(BoundExpression selector, IReadOnlyList<SwitchCase> cases, TextSpan span) : BoundStatement(span)
{
    public BoundExpression Selector { get; } = selector;

    public IReadOnlyList<SwitchCase> Cases { get; } = cases;
}
