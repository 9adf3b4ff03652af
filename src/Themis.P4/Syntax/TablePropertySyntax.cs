using System.Numerics;
using Themis.P4.Text;

namespace Themis.P4.Syntax;

public abstract record TablePropertySyntax(IReadOnlyList<Annotation> Annotations, string Name, bool IsConst, TextSpan NameSpan, TextSpan Span) : SyntaxNode(Span);
