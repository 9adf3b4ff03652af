using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>A parser state. <c>accept</c> and <c>reject</c> are states with <see cref="IsAccept"/>/<see cref="IsReject"/> set.</summary>
public sealed class ParserState
{
    internal ParserState(string name, int index, IReadOnlyList<Annotation> annotations, TextSpan span)
    {
        Name = name;
        Index = index;
        Annotations = annotations;
        Span = span;
    }

    public string Name { get; }

    /// <summary>Position in <see cref="ParserDeclaration.States"/>.</summary>
    public int Index { get; }

    public IReadOnlyList<Annotation> Annotations { get; }

    public TextSpan Span { get; }

    public bool IsAccept => Name == "accept";

    public bool IsReject => Name == "reject";

    public IReadOnlyList<BoundStatement> Statements { get; internal set; } = [];

    /// <summary>Null for accept and reject.</summary>
    public ParserTransition? Transition { get; internal set; }

    public override string ToString() => Name;
}
