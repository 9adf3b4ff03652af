namespace Themis.Packets.SwitchInternal;

/// <summary>Register operations a control packet asks for (CONTROL_OP_* in define.p4).</summary>
public enum ControlOp : byte
{
    /// <summary>Zero every per-slot register of slot <c>index</c> (Algorithm 1 state, last_cnp, last_psn, in_loop).</summary>
    ResetSlot = 1,

    /// <summary>Read every per-slot register of slot <c>index</c> into the reply.</summary>
    ReadSlot = 2,

    /// <summary>Zero cnp_cache[<c>index</c>].</summary>
    ClearCache = 3,

    /// <summary>Zero cnp_cache[<c>index</c>] only if it still holds <c>expected_cache_entry</c> (the reply says which).</summary>
    ClearCacheIfMatch = 4,

    /// <summary>Read cnp_cache[<c>index</c>] into the reply's cache_entry.</summary>
    ReadCache = 5,

    /// <summary>Zero verified_pairs[<c>index</c>] so the host pair must handshake again.</summary>
    ClearPair = 6,
}
