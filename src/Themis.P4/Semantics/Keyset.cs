using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>A match on one key: a value, value/mask, range, or don't care.</summary>
public abstract class Keyset
{
    public abstract override string ToString();
}
