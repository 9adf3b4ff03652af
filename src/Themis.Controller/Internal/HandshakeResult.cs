namespace Themis.Controller.Internal;

/// <summary>What one handshake digest changed.</summary>
/// <param name="NewPair">The pair was not verified before (or had expired).</param>
/// <param name="Promoted">Pending registrations of the pair and what became of each.</param>
internal sealed record HandshakeResult(bool NewPair, IReadOnlyList<(LocalQp Qp, DaemonOutcome Outcome)> Promoted);
