namespace Themis.Packets.SwitchInternal;

/// <summary>control.status: 0 in requests, set by the switch in replies (CONTROL_STATUS_* in define.p4).</summary>
public enum ControlStatus : byte
{
    Request = 0,
    Ok = 1,
    IndexOutOfRange = 2,
    UnknownOp = 3,

    /// <summary>ClearCacheIfMatch found another entry and left it alone.</summary>
    NotMatched = 4,
}
