namespace Themis.Switch.Runtime.Replication;

/// <summary>A clone (mirror) session: where clones go, their class of service, and their truncation length (0: none).</summary>
public sealed record CloneSession(uint SessionId, IReadOnlyList<Replica> Replicas, uint ClassOfService, int PacketLengthBytes);
