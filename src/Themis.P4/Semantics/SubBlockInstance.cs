using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>An instance of a parser or control inside another (<c>MySubParser() sub;</c>).</summary>
public sealed class SubBlockInstance
{
    internal SubBlockInstance(string name, IP4Block block, TextSpan span)
    {
        Name = name;
        Block = block;
        Span = span;
    }

    public string Name { get; }

    public IP4Block Block { get; }

    public TextSpan Span { get; }
}
