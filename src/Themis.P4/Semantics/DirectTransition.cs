using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

public sealed class DirectTransition(ParserState target) : ParserTransition
{
    public ParserState Target { get; } = target;
}
