namespace Themis.P4Runtime.Client.Internal;

/// <summary>A transition of the mastership state.</summary>
internal readonly record struct MastershipChange(MastershipState Previous, MastershipState Current);
