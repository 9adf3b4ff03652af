using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>An entry of a table's <c>entries</c> property (one keyset per key).</summary>
public sealed class TableEntry
{
    internal TableEntry(IReadOnlyList<Keyset> keys, ActionInvocation action, BigInteger? priority, bool isConst, IReadOnlyList<Annotation> annotations)
    {
        Keys = keys;
        Action = action;
        Priority = priority;
        IsConst = isConst;
        Annotations = annotations;
    }

    public IReadOnlyList<Keyset> Keys { get; }

    public ActionInvocation Action { get; }

    /// <summary>Explicit <c>priority = n:</c>, else null (then entries match in program order).</summary>
    public BigInteger? Priority { get; }

    public bool IsConst { get; }

    public IReadOnlyList<Annotation> Annotations { get; }
}
