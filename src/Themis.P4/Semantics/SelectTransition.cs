using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary><c>transition select(e1, e2) { ... }</c>; no match means reject with <c>error.NoMatch</c>.</summary>
public sealed class SelectTransition(IReadOnlyList<BoundExpression> expressions, IReadOnlyList<SelectCase> cases) : ParserTransition
{
    public IReadOnlyList<BoundExpression> Expressions { get; } = expressions;

    public IReadOnlyList<SelectCase> Cases { get; } = cases;
}
