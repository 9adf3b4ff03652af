using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary><c>E.member</c> of an enum; <see cref="Value"/> is the serializable value or the member index.</summary>
public sealed class EnumMemberExpression(EnumType type, string member, TextSpan span) : BoundExpression(type, span)
{
    public EnumType Enum { get; } = type;

    public string Member { get; } = member;

    public int Index => Enum.Members.ToList().IndexOf(Member);

    public BigInteger Value => Enum.Values[Index];

    public override bool IsConstant => true;

    public override string ToString() => $"{Enum.Name}.{Member}";
}
