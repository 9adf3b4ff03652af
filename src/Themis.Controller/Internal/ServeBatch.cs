using P4.V1;

namespace Themis.Controller.Internal;

/// <summary>
/// The events the serving loop decided since the last Write, and what they need: the switch actions, the
/// digest lists to acknowledge once the actions are done, and each registration's arrival time (for the
/// latency metric). Two instances alternate: one in flight, one filling. Reused, so a steady flow of
/// registrations allocates no lists.
/// </summary>
internal sealed class ServeBatch
{
    public List<SwitchAction> Actions { get; } = [];

    public List<DigestList> Acks { get; } = [];

    public List<(InstallQpEntry Install, long ReceivedAt)> Registrations { get; } = [];

    /// <summary>Installs the switch refused (filled by the executor).</summary>
    public List<SwitchAction> Refused { get; } = [];

    /// <summary>Events decided into this batch.</summary>
    public int Events { get; set; }

    /// <summary>Installed entries, slots in use and cnp_store entries once this batch is written (taken when it is sealed).</summary>
    public (int Installed, int Slots, int CnpStore) Written { get; set; }

    public void Clear()
    {
        Actions.Clear();
        Acks.Clear();
        Registrations.Clear();
        Refused.Clear();
        Events = 0;
    }
}
