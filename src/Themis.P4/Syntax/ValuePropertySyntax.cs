using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary>Any other property: <c>default_action</c>, <c>size</c>, <c>counters</c>, <c>meters</c>, <c>support_timeout</c>, ...</summary>
public sealed record ValuePropertySyntax(IReadOnlyList<Annotation> Annotations, string Name, bool IsConst, ExpressionSyntax Value, TextSpan NameSpan, TextSpan Span)
    : TablePropertySyntax(Annotations, Name, IsConst, NameSpan, Span);
