using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>A call of an extern method: <c>r.read(x, i)</c>, <c>packet.extract(h)</c>, <c>packet.emit(h)</c>.</summary>
public sealed class ExternMethodCall(BoundExpression target, ExternType externType, ExternMethod method, IReadOnlyList<P4Type> typeArguments, P4Type type, IReadOnlyList<Argument> arguments, TextSpan span)
    : CallExpression(type, arguments, span)
{
    /// <summary>An <see cref="InstanceExpression"/>, or a parameter of extern type (packet_in/packet_out).</summary>
    public BoundExpression Target { get; } = target;

    public ExternType ExternType { get; } = externType;

    public ExternMethod Method { get; } = method;

    /// <summary>The method's own type arguments (e.g. T of extract&lt;T&gt;).</summary>
    public IReadOnlyList<P4Type> TypeArguments { get; } = typeArguments;
}
