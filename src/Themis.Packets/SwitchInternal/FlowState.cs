namespace Themis.Packets.SwitchInternal;

/// <summary>TRP throttle state of a slot (FLOW_STATE_* in define.p4).</summary>
public enum FlowState : byte
{
    Normal = 0,
    Throttled = 1,
    Recover = 2,
}
