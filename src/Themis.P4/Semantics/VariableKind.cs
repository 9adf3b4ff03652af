using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

public enum VariableKind
{
    /// <summary>A parameter of the owner (its value comes from the caller, or for action data from the table entry).</summary>
    Parameter,

    /// <summary>A local variable.</summary>
    Local,
}
