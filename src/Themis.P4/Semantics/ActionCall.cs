using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>A direct action call in a control body or another action.</summary>
public sealed class ActionCall(ActionDeclaration action, IReadOnlyList<Argument> arguments, TextSpan span) : CallExpression(VoidType.Instance, arguments, span)
{
    public ActionDeclaration Action { get; } = action;
}
