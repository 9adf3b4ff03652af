using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary><c>error.Name</c>; <see cref="Code"/> is the member's index in <see cref="ErrorType.Members"/>.</summary>
public sealed class ErrorMemberExpression(ErrorType type, string member, TextSpan span) : BoundExpression(type, span)
{
    public string Member { get; } = member;

    public int Code => ((ErrorType)Type).IndexOf(Member);

    public override bool IsConstant => true;

    public override string ToString() => $"error.{Member}";
}
