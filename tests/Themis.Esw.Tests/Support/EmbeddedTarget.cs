using Google.Protobuf;
using Themis.Switch.Engine;
using Themis.Switch.Pipeline;
using Themis.Switch.Server;

namespace Themis.Esw.Tests.Support;

/// <summary>
/// The default backend: the embedded switch in this process, strict BMv2 mode, in-memory ports, its P4Runtime
/// server on a loopback socket; the pipeline goes over that socket like any controller's.
/// </summary>
public static class EmbeddedTarget
{
    public static async Task<SwitchSession> StartAsync(CancellationToken cancellationToken)
    {
        SwitchHost host = await SwitchHost.StartAsync(
            new SwitchOptions { CpuPort = EswTopology.CpuPort },
            new ServerOptions { Address = "127.0.0.1:0", StrictBmv2 = true },
            cancellationToken: cancellationToken).ConfigureAwait(false);
        var ports = EswTopology.DataPorts.ToDictionary(p => p, p => (ITestPort)new InMemoryTestPort(host.Switch.AddInMemoryPort(p)));
        SwitchSession session = await SwitchSession.StartAsync(
            Target.Embedded, $"embedded switch at {host.Address} (strict BMv2 mode, in-memory ports)", host.Address, 0,
            EswProgram.P4Info, EswProgram.DeviceConfig, ports, host, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        if (session.CannotExecuteReason is null && !ExecutesPrograms(host))
        {
            session.SetCannotExecute(CannotExecuteReason);
        }

        return session;
    }

    /// <summary>Why packet tests skip while the switch cannot execute P4 programs.</summary>
    public const string CannotExecuteReason =
        "This build of the embedded switch cannot execute P4 programs: it loaded the ESW pipeline control-plane only "
        + "(P4Runtime state works, every packet is dropped, docs/embedded-switch.md). The packet tests run once the P4 executor is in.";

    /// <summary>
    /// Capability check: the switch reports a pipeline it can only hold, not run, by loading the control-plane-only
    /// program (the one <see cref="ControlPlaneOnlyCompiler"/> produces).
    /// </summary>
    public static bool ExecutesPrograms(SwitchHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        PipelineDefinition? loaded = host.Switch.State?.Definition;
        if (loaded is null)
        {
            return false;
        }

        IPipelineProgram controlPlaneOnly = new ControlPlaneOnlyCompiler().Compile(loaded.P4Info, ByteString.Empty).Definition!.Program;
        return !ReferenceEquals(loaded.Program, controlPlaneOnly) && loaded.Program.GetType() != controlPlaneOnly.GetType();
    }

    /// <summary>
    /// Whether this build's switch (in process, or the themis-switch executable built from the same sources) executes
    /// the ESW: its default pipeline compiler, given the ESW bundle, produces a program other than the control-plane-only one.
    /// </summary>
    public static async Task<bool> BuildExecutesProgramsAsync(CancellationToken cancellationToken)
    {
        await using SwitchHost host = await SwitchHost.StartAsync(
            new SwitchOptions { CpuPort = EswTopology.CpuPort }, new ServerOptions { Address = "127.0.0.1:0" }, cancellationToken: cancellationToken).ConfigureAwait(false);
        PipelineCompileResult result = host.Runtime.Compiler.Compile(EswProgram.P4Info, EswProgram.DeviceConfig);
        if (!result.Succeeded)
        {
            // Not a capability question: the session start reports this when the pipeline is pushed.
            return true;
        }

        IPipelineProgram controlPlaneOnly = new ControlPlaneOnlyCompiler().Compile(EswProgram.P4Info, ByteString.Empty).Definition!.Program;
        return result.Definition!.Program.GetType() != controlPlaneOnly.GetType();
    }
}
