namespace Themis.Controller.Internal;

/// <summary>
/// One thing the controller decided the switch must do. The logic returns these as plain values; the
/// P4Runtime side executes a batch in phases: removals, slot resets, installs, cache clears. A slot is reset
/// before a new flow's entry can point at it, and a cache cell is cleared only after the exact
/// <c>cnp_store</c> entry that replaces it is in place.
/// </summary>
internal abstract record SwitchAction;

/// <summary>Insert <c>qp_field[key] = (local QPN, slot)</c>.</summary>
internal sealed record InstallQpEntry(QpKey Key, uint LocalQpn, int Slot) : SwitchAction
{
    /// <summary>
    /// The registration the install is for. The switch's answer can arrive after later events were decided (the
    /// serving loop decides the next batch while a Write is in flight), so a refusal undoes the registration only
    /// if this very one still holds the slot, not a newer registration of the same key that got the same slot.
    /// Not part of equality: two installs of the same entry are the same action.
    /// </summary>
    public InstalledQp? Entry { get; init; }

    public bool Equals(InstallQpEntry? other) => other is not null && Key == other.Key && LocalQpn == other.LocalQpn && Slot == other.Slot;

    public override int GetHashCode() => HashCode.Combine(Key, LocalQpn, Slot);
}

/// <summary>Delete the <c>qp_field</c> entry of <paramref name="Key"/>.</summary>
internal sealed record RemoveQpEntry(QpKey Key, uint LocalQpn, int Slot) : SwitchAction;

/// <summary>Zero every per-slot register of <paramref name="Slot"/> (control packet).</summary>
internal sealed record ResetSlot(int Slot) : SwitchAction;

/// <summary>Insert <c>cnp_store[(local IP, local QPN)] = slot</c> (with the idle timeout).</summary>
internal sealed record InstallCnpStoreEntry(LocalQp Qp, int Slot) : SwitchAction;

/// <summary>Delete the <c>cnp_store</c> entry of <paramref name="Qp"/>.</summary>
internal sealed record RemoveCnpStoreEntry(LocalQp Qp) : SwitchAction;

/// <summary>
/// Clear cell <paramref name="Index"/> of the <c>cnp_cache</c> register (control packet), only if it still holds
/// <paramref name="ExpectedEntry"/>: another flow's CNP may have taken the cell since.
/// </summary>
internal sealed record ResetCnpCache(int Index, uint ExpectedEntry) : SwitchAction;

/// <summary>Set the SYN-cookie secrets (the keyless secrets table's default action).</summary>
internal sealed record SetCookieSecrets(ulong Current, ulong Previous) : SwitchAction;

/// <summary>Forget the data plane's verified mark at <paramref name="Index"/> (control packet), so the pair's next connection is verified again.</summary>
internal sealed record ClearVerifiedPair(int Index) : SwitchAction;
