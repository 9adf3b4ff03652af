using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>An argument bound to its parameter. <see cref="Value"/> is an l-value for out/inout.</summary>
public sealed class Argument(Parameter parameter, BoundExpression value)
{
    public Parameter Parameter { get; } = parameter;

    public BoundExpression Value { get; } = value;

    public ParameterDirection Direction => Parameter.Direction;
}
