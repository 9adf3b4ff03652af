namespace Themis.P4Runtime;

/// <summary>Raised when <see cref="P4RuntimeClient.Mastership"/> changes.</summary>
public sealed class MastershipChangedEventArgs(MastershipState previous, MastershipState current) : EventArgs
{
    /// <summary>The state before the change.</summary>
    public MastershipState Previous { get; } = previous;

    /// <summary>The state now.</summary>
    public MastershipState Current { get; } = current;
}
