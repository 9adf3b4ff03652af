using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public enum ParameterDirection
{
    None,
    In,
    Out,
    InOut,
}
