using Themis.P4.Semantics;

namespace Themis.Switch.Execution;

/// <summary>Compile-time binding of variables to storage for one inlined body (control, action, function, parser).</summary>
internal sealed class Scope(Scope? parent)
{
    private readonly Scope? _parent = parent;

    private readonly Dictionary<Variable, Loc> _map = [];

    public void Bind(Variable variable, Loc loc) => _map[variable] = loc;

    public Loc Lookup(Variable variable)
    {
        for (Scope? s = this; s is not null; s = s._parent)
        {
            if (s._map.TryGetValue(variable, out Loc? loc))
            {
                return loc;
            }
        }

        throw new CompileException($"'{variable}' is used where it has no storage (a variable of another block?)");
    }
}
