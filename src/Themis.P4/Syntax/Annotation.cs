using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary>An annotation such as <c>@name("x")</c>; arguments are literals or identifiers.</summary>
public sealed record Annotation(string Name, IReadOnlyList<AnnotationArgument> Arguments, TextSpan Span);
