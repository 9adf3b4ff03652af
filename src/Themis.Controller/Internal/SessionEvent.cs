using P4.V1;

namespace Themis.Controller.Internal;

/// <summary>One thing for the serving loop to handle, with when it was received (Stopwatch ticks).</summary>
internal abstract record SessionEvent(long ReceivedAt);

internal sealed record PacketInEvent(PacketIn Packet, PacketInInfo Info, long ReceivedAt) : SessionEvent(ReceivedAt);

internal sealed record DigestEvent(DigestList List, long ReceivedAt) : SessionEvent(ReceivedAt);

internal sealed record IdleTimeoutEvent(IdleTimeoutNotification Notification, long ReceivedAt) : SessionEvent(ReceivedAt);

internal sealed record TickEvent(long ReceivedAt) : SessionEvent(ReceivedAt);

/// <summary>A request for the verified pairs, answered by the serving loop (which alone may touch its state).</summary>
internal sealed record PairsSnapshotEvent(int Limit, TaskCompletionSource<List<VerifiedPair>> Reply, long ReceivedAt) : SessionEvent(ReceivedAt);
