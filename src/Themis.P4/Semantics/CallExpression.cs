using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>Base of all calls; <see cref="Arguments"/> has one entry per parameter, in parameter order (defaults filled in).</summary>
public abstract class CallExpression(P4Type type, IReadOnlyList<Argument> arguments, TextSpan span) : BoundExpression(type, span)
{
    public IReadOnlyList<Argument> Arguments { get; } = arguments;
}
