using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>A program that passed every check: all names resolved, all expressions typed.</summary>
public sealed class CheckedProgram
{
    internal CheckedProgram(SourceText source, ErrorType errors, IReadOnlyList<string> matchKinds, IReadOnlyList<P4Type> types,
        IReadOnlyList<ConstantDeclaration> constants, IReadOnlyList<ExternDeclaration> externs, IReadOnlyList<ExternFunction> externFunctions,
        IReadOnlyList<ActionDeclaration> actions, IReadOnlyList<FunctionDeclaration> functions, IReadOnlyList<ParserDeclaration> parsers,
        IReadOnlyList<ControlDeclaration> controls, V1SwitchPackage main)
    {
        Source = source;
        Errors = errors;
        MatchKinds = matchKinds;
        Types = types;
        Constants = constants;
        Externs = externs;
        ExternFunctions = externFunctions;
        Actions = actions;
        Functions = functions;
        Parsers = parsers;
        Controls = controls;
        Main = main;
    }

    /// <summary>The preprocessed text (spans of the model point into it; use <see cref="Locate"/>).</summary>
    public SourceText Source { get; }

    /// <summary>The <c>error</c> type with all members (core.p4's first; a member's index is its code).</summary>
    public ErrorType Errors { get; }

    public IReadOnlyList<string> MatchKinds { get; }

    /// <summary>Named types (headers, structs, enums, new types) in declaration order.</summary>
    public IReadOnlyList<P4Type> Types { get; }

    public IReadOnlyList<ConstantDeclaration> Constants { get; }

    public IReadOnlyList<ExternDeclaration> Externs { get; }

    public IReadOnlyList<ExternFunction> ExternFunctions { get; }

    /// <summary>Extern objects instantiated at the top level (e.g. <c>register&lt;bit&lt;32&gt;&gt;(1024) r;</c>),
    /// shared by every block; their control-plane name is their declared name, as p4c writes it.</summary>
    public IReadOnlyList<ExternInstance> GlobalInstances { get; init; } = [];

    /// <summary>Every action: top-level ones first, then those of each control.</summary>
    public IReadOnlyList<ActionDeclaration> Actions { get; }

    public IReadOnlyList<FunctionDeclaration> Functions { get; }

    public IReadOnlyList<ParserDeclaration> Parsers { get; }

    public IReadOnlyList<ControlDeclaration> Controls { get; }

    /// <summary>The <c>main</c> package: <c>V1Switch(parser, verifyChecksum, ingress, egress, computeChecksum, deparser)</c>.</summary>
    public V1SwitchPackage Main { get; }

    public SourceLocation Locate(TextSpan span) => Source.GetLocation(span.Start);
}
