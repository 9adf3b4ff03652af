using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

public sealed class VariableExpression(Variable variable, TextSpan span) : BoundExpression(variable.Type, span)
{
    public Variable Variable { get; } = variable;

    public override string ToString() => Variable.Name;
}
