namespace Themis.Switch.Execution;

/// <summary>
/// An action as one table runs it: its P4Info id, the cells its action-data parameters are loaded
/// into (a negative value <c>~i</c> is wide cell i), and its inlined body.
/// </summary>
internal sealed record ActionBinding(uint Id, string Name, int[] ParamSlots, ulong[] ParamMasks, StmtFn Body);
