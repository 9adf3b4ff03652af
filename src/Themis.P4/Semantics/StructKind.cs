using System.Numerics;
using Themis.P4.Syntax;

namespace Themis.P4.Semantics;

public enum StructKind
{
    Struct,
    Header,
    HeaderUnion,
}
