using P4Action = global::P4.Config.V1.Action;
using Google.Protobuf;
using P4.Config.V1;
using Themis.Switch.Runtime.Tables;

namespace Themis.Switch.Pipeline;

/// <summary>
/// Accepts any valid P4Info without a program (the way PI's dummy target does): the full
/// P4Runtime state (tables, counters, meters, registers, PRE, digests) exists and can be written
/// and read, but every packet is dropped. Each table's initial default action is its
/// <c>const_default_action_id</c>, else a parameterless <c>NoAction</c> it lists, else nothing.
/// </summary>
public sealed class ControlPlaneOnlyCompiler : IPipelineCompiler
{
    /// <inheritdoc />
    public PipelineCompileResult Compile(P4Info p4Info, ByteString deviceConfig)
    {
        ArgumentNullException.ThrowIfNull(p4Info);
        IReadOnlyList<string> errors = P4InfoValidator.Validate(p4Info);
        if (errors.Count > 0)
        {
            return PipelineCompileResult.Failure(errors);
        }

        var actions = p4Info.Actions.ToDictionary(a => a.Preamble.Id);
        var defaults = new Dictionary<uint, ActionCall>();
        foreach (Table table in p4Info.Tables)
        {
            uint chosen = table.ConstDefaultActionId;
            if (chosen == 0)
            {
                chosen = table.ActionRefs
                    .Select(r => r.Id)
                    .FirstOrDefault(id => actions.TryGetValue(id, out P4Action? a) && a.Params.Count == 0 && a.Preamble.Name is "NoAction" or ".NoAction");
            }

            if (chosen != 0 && actions.TryGetValue(chosen, out P4Action? action) && action.Params.Count == 0)
            {
                defaults[table.Preamble.Id] = new ActionCall(chosen, []);
            }
        }

        return PipelineCompileResult.Success(new PipelineDefinition(p4Info, DropAllProgram.Instance, defaults, deviceConfig));
    }
}
