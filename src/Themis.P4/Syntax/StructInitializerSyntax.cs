using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary><c>{ f = e, ... }</c>.</summary>
public sealed record StructInitializerSyntax(IReadOnlyList<(string Name, TextSpan NameSpan, ExpressionSyntax Value)> Fields, TextSpan Span) : ExpressionSyntax(Span);
