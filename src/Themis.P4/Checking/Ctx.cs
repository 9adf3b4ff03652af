using Themis.P4.Semantics;

namespace Themis.P4.Checking;

internal enum BodyKind
{
    /// <summary>Top-level or declaration-level expression (constants, table properties).</summary>
    None,
    Parser,
    ControlApply,
    Action,
    Function,
}

/// <summary>Where an expression or statement is being checked.</summary>
internal sealed class Ctx(Scope scope)
{
    public Scope Scope { get; set; } = scope;

    public BodyKind Kind { get; init; }

    public IVariableOwner? Owner { get; init; }

    public List<Variable>? Variables { get; init; }

    public ControlDeclaration? Control { get; init; }

    public ParserDeclaration? Parser { get; init; }

    public P4Type? ReturnType { get; init; }

    /// <summary>Set while binding a switch selector, where <c>action_run</c> is allowed.</summary>
    public bool AllowActionRun { get; set; }

    public Ctx Nested() => new(new Scope(Scope))
    {
        Kind = Kind,
        Owner = Owner,
        Variables = Variables,
        Control = Control,
        Parser = Parser,
        ReturnType = ReturnType,
    };
}
