using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

public sealed class FunctionCall(FunctionDeclaration function, IReadOnlyList<Argument> arguments, TextSpan span) : CallExpression(function.ReturnType, arguments, span)
{
    public FunctionDeclaration Function { get; } = function;
}
