using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public sealed record BlockSyntax(IReadOnlyList<Annotation> Annotations, IReadOnlyList<StatementSyntax> Statements, TextSpan Span) : StatementSyntax(Span);
