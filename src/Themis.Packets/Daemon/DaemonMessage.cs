using Themis.Packets.IPv4;

namespace Themis.Packets.Daemon;

/// <summary>
/// A decoded daemon report. The sender's own IP is not in it: it is the IPv4 source of the datagram, which the
/// controller takes from the packet it received.
/// </summary>
/// <param name="Format">v0 or v1.</param>
/// <param name="Event">What happened.</param>
/// <param name="Sequence">v1: sender's counter, increasing per message; v0: 0.</param>
/// <param name="TimestampNanoseconds">v1: sender's clock, ns since the Unix epoch; v0: 0.</param>
/// <param name="RemoteIp">IP of the peer host (v0 dIP); zero for destroy and heartbeat.</param>
/// <param name="LocalQpn">QPN on the reporting host (v0 cQPN): the CNP's DestQP for this flow.</param>
/// <param name="RemoteQpn">QPN on the peer (v0 sQPN): the DestQP of data the local QP sends.</param>
/// <param name="KeyId">v1: id of the key the MAC was made with (0 when none); v0: 0.</param>
/// <param name="Authenticated">True when a MAC was present and verified.</param>
public readonly record struct DaemonMessage(
    DaemonFormat Format,
    DaemonEvent Event,
    ulong Sequence,
    ulong TimestampNanoseconds,
    IPv4Address RemoteIp,
    uint LocalQpn,
    uint RemoteQpn,
    uint KeyId,
    bool Authenticated);
