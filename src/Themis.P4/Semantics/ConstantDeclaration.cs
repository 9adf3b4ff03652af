using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>A compile-time constant (<c>const T name = value;</c>).</summary>
public sealed class ConstantDeclaration
{
    internal ConstantDeclaration(string name, P4Type type, BoundExpression value, IReadOnlyList<Annotation> annotations)
    {
        Name = name;
        Type = type;
        Value = value;
        Annotations = annotations;
    }

    public string Name { get; }

    public P4Type Type { get; }

    /// <summary>The folded value (a <see cref="LiteralExpression"/>, enum/error member, or a list/struct of them).</summary>
    public BoundExpression Value { get; }

    public IReadOnlyList<Annotation> Annotations { get; }
}
