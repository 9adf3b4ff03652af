using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>A call of an extern function (<c>mark_to_drop</c>, <c>hash</c>, <c>verify</c>, ...).</summary>
public sealed class ExternFunctionCall(ExternFunction function, IReadOnlyList<P4Type> typeArguments, P4Type type, IReadOnlyList<Argument> arguments, TextSpan span)
    : CallExpression(type, arguments, span)
{
    public ExternFunction Function { get; } = function;

    /// <summary>Inferred or explicit type arguments, in the order of the function's type parameters.</summary>
    public IReadOnlyList<P4Type> TypeArguments { get; } = typeArguments;
}
