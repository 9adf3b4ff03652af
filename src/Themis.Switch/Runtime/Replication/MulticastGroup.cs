namespace Themis.Switch.Runtime.Replication;

/// <summary>A multicast group: the replicas made for <c>standard_metadata.mcast_grp == GroupId</c>, and a controller cookie.</summary>
public sealed record MulticastGroup(uint GroupId, IReadOnlyList<Replica> Replicas, byte[] Metadata);
