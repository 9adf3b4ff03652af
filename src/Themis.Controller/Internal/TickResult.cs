namespace Themis.Controller.Internal;

/// <summary>What one round of periodic work did.</summary>
internal sealed record TickResult(int ExpiredPending, int ExpiredPairs, bool SecretsRotated);
