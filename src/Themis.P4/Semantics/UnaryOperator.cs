using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

public enum UnaryOperator
{
    Not,
    Complement,
    Negate,
}
