using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>A reference to an extern instance (the target of a method call such as <c>r.read(...)</c>).</summary>
public sealed class InstanceExpression(ExternInstance instance, TextSpan span) : BoundExpression(instance.Type, span)
{
    public ExternInstance Instance { get; } = instance;

    public override string ToString() => Instance.Name;
}
