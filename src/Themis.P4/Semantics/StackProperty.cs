using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

public enum StackProperty
{
    /// <summary><c>.next</c>: the element at nextIndex (l-value; extract target).</summary>
    Next,

    /// <summary><c>.last</c>: the element at nextIndex - 1.</summary>
    Last,

    /// <summary><c>.lastIndex</c>: nextIndex - 1 as bit&lt;32&gt;.</summary>
    LastIndex,

    /// <summary><c>.size</c>: the declared size as bit&lt;32&gt; (constant).</summary>
    Size,

    /// <summary><c>.nextIndex</c>.</summary>
    NextIndex,
}
