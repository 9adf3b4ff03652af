using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary><c>sub.apply(args)</c> of a sub-parser or sub-control instance.</summary>
public sealed class SubBlockApplyCall(SubBlockInstance instance, IReadOnlyList<Argument> arguments, TextSpan span) : CallExpression(VoidType.Instance, arguments, span)
{
    public SubBlockInstance Instance { get; } = instance;
}
