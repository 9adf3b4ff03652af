using Google.Protobuf;
using P4.Config.V1;
using Themis.P4;
using Themis.P4.P4Info;
using Themis.P4.Semantics;
using Themis.P4.Text;
using Themis.Switch.Execution;
using Themis.Switch.Runtime.Replication;

namespace Themis.Switch.Pipeline;

/// <summary>
/// The switch's default compiler: runs the P4 front end on the device config (P4 source or a zip
/// bundle), checks that the P4Info sent with it describes the same program (ids, names, widths —
/// p4c's P4Info or this project's both work), and compiles the checked program into closures.
/// A config with an empty device config falls back to <see cref="ControlPlaneOnlyCompiler"/>
/// (all P4Runtime state, every packet dropped), like PI's dummy target.
/// </summary>
public sealed class P4PipelineCompiler : IPipelineCompiler
{
    private readonly ControlPlaneOnlyCompiler _controlPlaneOnly = new();

    /// <inheritdoc />
    public PipelineCompileResult Compile(P4Info p4Info, ByteString deviceConfig)
    {
        ArgumentNullException.ThrowIfNull(p4Info);
        if (deviceConfig is null || deviceConfig.IsEmpty)
        {
            return _controlPlaneOnly.Compile(p4Info, ByteString.Empty);
        }

        DeviceConfigSource? source = DeviceConfigSource.TryRead(deviceConfig, out string? error);
        if (source is null)
        {
            return PipelineCompileResult.Failure([error!]);
        }

        CompilationResult compiled = Themis.P4.P4Compiler.CompileText(source.MainText, source.MainFile, new P4CompilerOptions { Reader = source });
        return Build(compiled, p4Info, deviceConfig);
    }

    /// <summary>
    /// Compiles a P4 file from disk (includes resolved next to it) and derives its P4Info with the
    /// front end's generator: what <c>themis-switch --p4 FILE</c> loads. The device config kept is the
    /// preprocessed program text, so a controller reading it back can push it again.
    /// </summary>
    public PipelineCompileResult CompileFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        CompilationResult compiled = Themis.P4.P4Compiler.Compile(path);
        if (!compiled.Success || compiled.Program is null)
        {
            return PipelineCompileResult.Failure(Errors(compiled));
        }

        P4Info info = P4InfoGenerator.Generate(compiled.Program, out IReadOnlyList<Diagnostic> diagnostics);
        if (diagnostics.Any(d => d.IsError))
        {
            return PipelineCompileResult.Failure([.. diagnostics.Where(d => d.IsError).Select(d => d.ToString())]);
        }

        return Build(compiled, info, ByteString.CopyFromUtf8(compiled.Source?.Text ?? File.ReadAllText(path)));
    }

    private static List<string> Errors(CompilationResult compiled) =>
        [.. compiled.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()).DefaultIfEmpty("The program could not be compiled.")];

    private static PipelineCompileResult Build(CompilationResult compiled, P4Info sent, ByteString deviceConfig)
    {
        if (!compiled.Success || compiled.Program is not CheckedProgram program)
        {
            return PipelineCompileResult.Failure(Errors(compiled));
        }

        P4Info derived = P4InfoGenerator.Generate(program, out IReadOnlyList<Diagnostic> diagnostics);
        if (diagnostics.FirstOrDefault(d => d.IsError) is { } idError)
        {
            return PipelineCompileResult.Failure([idError.ToString()]);
        }

        if (P4InfoComparer.FirstDifference(sent, derived) is { } difference)
        {
            return PipelineCompileResult.Failure([$"The P4Info does not match the program in the device config: {difference}."]);
        }

        try
        {
            var definition = new PipelineDefinition(sent, new CompiledProgram(program), ProgramEntries.DefaultActions(program, sent), deviceConfig)
            {
                ConstEntries = ProgramEntries.Entries(program, sent).ToDictionary(p => p.Key, p => p.Value),
            };

            // Compile once against scratch state so every unsupported construct is reported now, not per packet.
            definition.Program.Instantiate(new SwitchState(definition, new PacketReplicationEngine(), TimeProvider.System));
            return PipelineCompileResult.Success(definition);
        }
        catch (CompileException e)
        {
            return PipelineCompileResult.Failure([$"The program cannot be run by this switch: {e.Message}."]);
        }
    }
}
