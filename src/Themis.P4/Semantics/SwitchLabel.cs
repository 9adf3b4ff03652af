using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>A switch label: an action (for action_run), a constant value, or default.</summary>
public sealed class SwitchLabel
{
    internal SwitchLabel(ActionDeclaration? action, BoundExpression? value)
    {
        Action = action;
        Value = value;
    }

    public ActionDeclaration? Action { get; }

    public BoundExpression? Value { get; }

    public bool IsDefault => Action == null && Value == null;
}
