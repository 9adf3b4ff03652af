namespace Themis.Controller;

/// <summary>How a TRP-throttled flow returns to line rate (JSON <c>themis.recovery</c>).</summary>
public enum RecoveryMode
{
    /// <summary><c>ordered</c> (default): drain through the loop so no packet overtakes another (DESIGN §3.7).</summary>
    Ordered,

    /// <summary><c>direct</c>: forward at once; for NICs that accept out-of-order delivery (IRN).</summary>
    Direct,
}
