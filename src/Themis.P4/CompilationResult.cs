using Themis.P4.Semantics;
using Themis.P4.Text;

namespace Themis.P4;

/// <summary>The outcome of <see cref="P4Compiler.Compile"/>: every diagnostic, and the checked program when there was no error.</summary>
public sealed class CompilationResult
{
    internal CompilationResult(IReadOnlyList<Diagnostic> diagnostics, CheckedProgram? program, SourceText? source)
    {
        Diagnostics = diagnostics;
        Program = program;
        Source = source;
    }

    /// <summary>Errors and warnings in source order of discovery, each with file:line:col.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>Null when <see cref="Success"/> is false.</summary>
    public CheckedProgram? Program { get; }

    /// <summary>The preprocessed text (null when the main file could not be read).</summary>
    public SourceText? Source { get; }

    public bool Success => Program != null && !Diagnostics.Any(d => d.IsError);

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);
}
