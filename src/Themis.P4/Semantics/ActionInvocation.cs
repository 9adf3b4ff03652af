using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>A fully bound action invocation: <c>default_action = set(5);</c> or the action of a const entry.</summary>
public sealed class ActionInvocation
{
    internal ActionInvocation(ActionDeclaration action, IReadOnlyList<Argument> arguments)
    {
        Action = action;
        Arguments = arguments;
    }

    public ActionDeclaration Action { get; }

    /// <summary>One argument per action parameter, in parameter order (directional and data).</summary>
    public IReadOnlyList<Argument> Arguments { get; }
}
