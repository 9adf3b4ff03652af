namespace Themis.P4Runtime;

/// <summary>
/// Counters of a <see cref="P4RuntimeClient"/> since it was created. "Dropped" counts messages discarded
/// because their queue was full (the oldest go first); a non-zero value means a consumer is too slow or absent.
/// </summary>
public readonly record struct P4RuntimeClientStatistics(
    long PacketInsReceived,
    long PacketInsDropped,
    long DigestListsReceived,
    long DigestListsDropped,
    long IdleTimeoutNotificationsReceived,
    long IdleTimeoutNotificationsDropped,
    long StreamErrorsReceived,
    long StreamErrorsDropped,
    long Reconnects);
