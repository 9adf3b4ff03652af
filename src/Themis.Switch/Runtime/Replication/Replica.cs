namespace Themis.Switch.Runtime.Replication;

/// <summary>One copy made by the replication engine: the egress port and the instance (becomes <c>egress_rid</c>).</summary>
public readonly record struct Replica(uint EgressPort, uint Instance);
