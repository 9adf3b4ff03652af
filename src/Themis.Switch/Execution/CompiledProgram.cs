using Themis.P4.Semantics;
using Themis.Switch.Pipeline;

namespace Themis.Switch.Execution;

/// <summary>A checked P4 program ready to run: each <see cref="Instantiate"/> compiles it into closures bound to that state's tables and externs.</summary>
internal sealed class CompiledProgram(CheckedProgram program) : IPipelineProgram
{
    public CheckedProgram Program { get; } = program;

    public IPipelineInstance Instantiate(SwitchState state) => new PipelineBuilder(Program, state).Build();
}
