using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>Something that owns variables with frame slots: a parser, control, action or function.</summary>
public interface IVariableOwner
{
    string Name { get; }

    /// <summary>Every variable of this owner (parameters first, then locals in declaration order); <see cref="Variable.Slot"/> indexes this list.</summary>
    IReadOnlyList<Variable> Variables { get; }
}
