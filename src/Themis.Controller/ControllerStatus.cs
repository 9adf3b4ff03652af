namespace Themis.Controller;

/// <summary>A snapshot of the controller, as <c>/status</c> serves it.</summary>
public sealed record ControllerStatus
{
    /// <summary>Where the controller stands with the switch.</summary>
    public ControllerRole Role { get; init; }

    /// <summary>The switch address.</summary>
    public string Switch { get; init; } = "";

    /// <summary>The election id this controller announces now.</summary>
    public string ElectionId { get; init; } = "";

    /// <summary>Whether the last setup pushed the pipeline (false: the switch already ran it).</summary>
    public bool PipelinePushed { get; init; }

    /// <summary>qp_field entries installed.</summary>
    public int InstalledFlows { get; init; }

    /// <summary>Flow slots in use (equals <see cref="InstalledFlows"/>).</summary>
    public int SlotsInUse { get; init; }

    /// <summary>Flow slots configured.</summary>
    public int SlotCapacity { get; init; }

    /// <summary>Registrations waiting for their pair's handshake digest.</summary>
    public int PendingRegistrations { get; init; }

    /// <summary>Verified inter-DC host pairs.</summary>
    public int VerifiedPairs { get; init; }

    /// <summary>cnp_store entries installed.</summary>
    public int CnpStoreEntries { get; init; }

    /// <summary>Sessions established with the switch since start (1 = no reconnect yet).</summary>
    public long Sessions { get; init; }

    /// <summary>The last error that ended a session, if any.</summary>
    public string? LastError { get; init; }
}
