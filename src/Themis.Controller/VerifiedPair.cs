namespace Themis.Controller;

/// <summary>A verified inter-DC host pair as <c>/status</c> lists it: <c>{"local","remote","expiresAt"}</c>.</summary>
/// <param name="Local">The host inside this DC (dotted IPv4).</param>
/// <param name="Remote">The host across the WAN (dotted IPv4).</param>
/// <param name="ExpiresAt">When the pair stops admitting new registrations unless a handshake refreshes it.</param>
public sealed record VerifiedPair(string Local, string Remote, DateTimeOffset ExpiresAt);
