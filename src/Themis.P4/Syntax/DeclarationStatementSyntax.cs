using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

/// <summary>A local variable, constant or instantiation used as a statement.</summary>
public sealed record DeclarationStatementSyntax(DeclarationSyntax Declaration, TextSpan Span) : StatementSyntax(Span);
