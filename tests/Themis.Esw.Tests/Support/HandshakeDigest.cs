using Themis.Packets.IPv4;

namespace Themis.Esw.Tests.Support;

/// <summary>One <c>handshake_digest_t</c> message: a host pair proven by a TCP handshake across the ESW.</summary>
public sealed record HandshakeDigest(IPv4Address LocalIp, IPv4Address RemoteIp, uint PairIndex);
