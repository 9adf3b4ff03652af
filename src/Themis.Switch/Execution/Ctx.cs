namespace Themis.Switch.Execution;

/// <summary>What a body is compiled in: its variable bindings, the function's return storage, and the control whose tables it applies.</summary>
internal sealed record Ctx(Scope Scope, Loc? ReturnLoc, bool InParser, Scope ControlScope, string BlockName)
{
    public Ctx Nested(Scope scope) => this with { Scope = scope };
}
