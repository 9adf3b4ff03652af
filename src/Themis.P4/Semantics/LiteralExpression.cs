using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>An integer (<see cref="BigInteger"/>, normalised to its <see cref="BitsType"/>), bool or string constant.</summary>
public sealed class LiteralExpression(P4Type type, object value, TextSpan span) : BoundExpression(type, span)
{
    /// <summary><see cref="BigInteger"/> for bit/int/infinite-precision int, <see cref="bool"/>, or <see cref="string"/>.</summary>
    public object Value { get; } = value;

    public BigInteger IntegerValue => Value is BigInteger b ? b : (Value is true ? BigInteger.One : BigInteger.Zero);

    public override bool IsConstant => true;

    public override string ToString() => Value is bool b ? (b ? "true" : "false") : Value.ToString() ?? "";
}
