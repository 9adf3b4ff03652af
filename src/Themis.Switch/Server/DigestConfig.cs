namespace Themis.Switch.Server;

/// <summary>Batching of one digest (P4Runtime DigestEntry.Config).</summary>
internal sealed record DigestConfig(long MaxTimeoutNs, int MaxListSize, long AckTimeoutNs);
