using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>A checked statement.</summary>
public abstract class BoundStatement(TextSpan span)
{
    public TextSpan Span { get; } = span;
}
