using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>An instance of an extern object, with its constructor arguments (compile-time constants).</summary>
public sealed class ExternInstance
{
    internal ExternInstance(string name, string controlPlaneName, ExternType type, ExternMethod constructor, IReadOnlyList<BoundExpression> arguments, IReadOnlyList<Annotation> annotations, TextSpan span)
    {
        Name = name;
        ControlPlaneName = controlPlaneName;
        Type = type;
        Constructor = constructor;
        Arguments = arguments;
        Annotations = annotations;
        Span = span;
    }

    public string Name { get; }

    /// <summary>The fully qualified name p4c gives it (<c>MyIngress.my_counter</c>), honouring <c>@name</c>.</summary>
    public string ControlPlaneName { get; internal set; }

    public ExternType Type { get; }

    public ExternMethod Constructor { get; }

    /// <summary>Constructor arguments in parameter order (folded constants).</summary>
    public IReadOnlyList<BoundExpression> Arguments { get; }

    public IReadOnlyList<Annotation> Annotations { get; }

    public TextSpan Span { get; }

    /// <summary>The constant integer value of constructor argument <paramref name="name"/>, if it is one.</summary>
    public BigInteger? IntegerArgument(string name)
    {
        int i = Constructor.Parameters.ToList().FindIndex(p => p.Name == name);
        return i >= 0 && i < Arguments.Count && Arguments[i] is LiteralExpression { Value: BigInteger v } ? v : null;
    }

    /// <summary>The enum member name of constructor argument <paramref name="name"/>, if it is one.</summary>
    public string? EnumArgument(string name)
    {
        int i = Constructor.Parameters.ToList().FindIndex(p => p.Name == name);
        return i >= 0 && i < Arguments.Count && Arguments[i] is EnumMemberExpression e ? e.Member : null;
    }

    public override string ToString() => $"{Type} {ControlPlaneName}";
}
