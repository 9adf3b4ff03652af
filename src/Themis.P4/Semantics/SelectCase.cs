using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>One case of a select: one keyset per selected expression.</summary>
public sealed class SelectCase(IReadOnlyList<Keyset> keysets, ParserState target)
{
    public IReadOnlyList<Keyset> Keysets { get; } = keysets;

    public ParserState Target { get; } = target;
}
