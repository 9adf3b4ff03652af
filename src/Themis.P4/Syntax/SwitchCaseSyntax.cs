using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary>A switch case; <c>Body</c> null means fall through to the next case.</summary>
public sealed record SwitchCaseSyntax(ExpressionSyntax Label, BlockSyntax? Body, TextSpan Span) : SyntaxNode(Span);
