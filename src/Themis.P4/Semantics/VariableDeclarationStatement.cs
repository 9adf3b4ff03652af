using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>A local variable coming into scope; without an initialiser its value is unspecified (BMv2: zero / invalid).</summary>
public sealed class VariableDeclarationStatement(Variable variable, BoundExpression? initializer, TextSpan span) : BoundStatement(span)
{
    public Variable Variable { get; } = variable;

    public BoundExpression? Initializer { get; } = initializer;
}
