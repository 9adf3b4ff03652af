using Google.Protobuf;
using P4.Config.V1;
using Themis.Switch.Runtime.Tables;

namespace Themis.Switch.Pipeline;

/// <summary>
/// Everything needed to load a pipeline: its P4Info, the executable program, the program's
/// default actions (P4Info does not carry default-action arguments) and the device config bytes it
/// came from (returned by GetForwardingPipelineConfig).
/// </summary>
public sealed class PipelineDefinition
{
    /// <summary>Creates a definition.</summary>
    public PipelineDefinition(P4Info p4Info, IPipelineProgram program, IReadOnlyDictionary<uint, ActionCall> defaultActions, ByteString deviceConfig)
    {
        P4Info = p4Info ?? throw new ArgumentNullException(nameof(p4Info));
        Program = program ?? throw new ArgumentNullException(nameof(program));
        DefaultActions = defaultActions ?? throw new ArgumentNullException(nameof(defaultActions));
        DeviceConfig = deviceConfig ?? ByteString.Empty;
    }

    /// <summary>The pipeline's P4Info.</summary>
    public P4Info P4Info { get; }

    /// <summary>The executable program.</summary>
    public IPipelineProgram Program { get; }

    /// <summary>Initial default action of each table, by table id (absent: nothing runs on a miss).</summary>
    public IReadOnlyDictionary<uint, ActionCall> DefaultActions { get; }

    /// <summary>The device config as the controller sent it.</summary>
    public ByteString DeviceConfig { get; }

    /// <summary>Entries the program fixes (<c>const entries</c>), by table id.</summary>
    public IReadOnlyDictionary<uint, IReadOnlyList<TableEntryRecord>> ConstEntries { get; init; } = new Dictionary<uint, IReadOnlyList<TableEntryRecord>>();
}
