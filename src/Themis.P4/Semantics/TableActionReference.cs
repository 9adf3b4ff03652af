using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>An action in a table's <c>actions</c> list; directional arguments are bound here.</summary>
public sealed class TableActionReference
{
    internal TableActionReference(ActionDeclaration action, IReadOnlyList<Argument> directionalArguments, ActionScope scope, IReadOnlyList<Annotation> annotations)
    {
        Action = action;
        DirectionalArguments = directionalArguments;
        Scope = scope;
        Annotations = annotations;
    }

    public ActionDeclaration Action { get; }

    /// <summary>Arguments for the action's directional parameters (in parameter order); action data comes from the entry.</summary>
    public IReadOnlyList<Argument> DirectionalArguments { get; }

    public ActionScope Scope { get; }

    public IReadOnlyList<Annotation> Annotations { get; }
}
