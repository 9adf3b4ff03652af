using System.Numerics;
using Themis.P4.Syntax;

namespace Themis.P4.Semantics;

/// <summary>
/// A P4 type after resolution (typedefs are gone; <c>type</c> declarations stay distinct as
/// <see cref="NewType"/>). Use <see cref="Same"/> to compare types.
/// </summary>
public abstract class P4Type
{
    /// <summary>Width in bits when serialised (bit/int/bool/serializable enum/header/new type), else null.</summary>
    public virtual int? BitWidth => null;

    public static bool Same(P4Type a, P4Type b) => a.IsSameAs(b);

    protected virtual bool IsSameAs(P4Type other) => ReferenceEquals(this, other);

    /// <summary>The type with typedef-like wrappers removed; <see cref="NewType"/> is kept.</summary>
    public virtual P4Type Underlying => this;
}
