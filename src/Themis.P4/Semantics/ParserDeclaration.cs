using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

public sealed class ParserDeclaration : IP4Block
{
    private readonly List<Variable> _variables = [];

    internal ParserDeclaration(string name, IReadOnlyList<Annotation> annotations, TextSpan span)
    {
        Name = name;
        Annotations = annotations;
        Span = span;
    }

    public string Name { get; }

    public IReadOnlyList<Annotation> Annotations { get; }

    public TextSpan Span { get; }

    public IReadOnlyList<Parameter> Parameters { get; internal set; } = [];

    public IReadOnlyList<Variable> Variables => _variables;

    public IReadOnlyList<ExternInstance> Instances { get; internal set; } = [];

    public IReadOnlyList<SubBlockInstance> SubInstances { get; internal set; } = [];

    public IReadOnlyList<BoundStatement> LocalInitializers { get; internal set; } = [];

    /// <summary>The program's states followed by accept and reject.</summary>
    public IReadOnlyList<ParserState> States { get; internal set; } = [];

    public ParserState Start => States.First(s => s.Name == "start");

    public ParserState Accept => States.First(s => s.IsAccept);

    public ParserState Reject => States.First(s => s.IsReject);

    internal List<Variable> MutableVariables => _variables;

    public override string ToString() => Name;
}
