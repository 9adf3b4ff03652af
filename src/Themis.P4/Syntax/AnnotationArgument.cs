using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary>One argument of an annotation: a string, an integer or a bare word.</summary>
public sealed record AnnotationArgument(string? StringValue, BigInteger? IntegerValue, string Text);
