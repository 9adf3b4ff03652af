using Google.Protobuf;
using P4.Config.V1;

namespace Themis.Switch.Pipeline;

/// <summary>
/// Turns a ForwardingPipelineConfig (P4Info + device config bytes) into a loadable pipeline. The
/// front-end compiler reads P4 source; <see cref="ControlPlaneOnlyCompiler"/> accepts a P4Info alone.
/// </summary>
public interface IPipelineCompiler
{
    /// <summary>Checks and builds the pipeline; never throws for bad input.</summary>
    PipelineCompileResult Compile(P4Info p4Info, ByteString deviceConfig);
}
