namespace Themis.P4Runtime;

/// <summary>Raised after the client reopened a broken stream and the server answered its arbitration.</summary>
public sealed class ReconnectedEventArgs(int attempts, TimeSpan downtime, MastershipState mastership, string lostReason) : EventArgs
{
    /// <summary>How many attempts it took (1 = the first one succeeded).</summary>
    public int Attempts { get; } = attempts;

    /// <summary>Time from noticing the loss to the arbitration answer.</summary>
    public TimeSpan Downtime { get; } = downtime;

    /// <summary>The arbitration result on the new stream.</summary>
    public MastershipState Mastership { get; } = mastership;

    /// <summary>Why the previous stream ended.</summary>
    public string LostReason { get; } = lostReason;
}
