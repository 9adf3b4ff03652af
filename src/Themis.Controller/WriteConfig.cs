namespace Themis.Controller;

/// <summary>How table writes are batched (JSON section <c>writes</c>).</summary>
public sealed record WriteConfig
{
    /// <summary><c>maxBatch</c>: updates per Write request at most. Default 256.</summary>
    public int MaxBatch { get; init; } = 256;

    /// <summary>
    /// <c>maxEventsPerBatch</c>: stream messages (daemon packets, CNP copies, digests) handled before their
    /// writes are flushed. Bounds the latency a burst adds to its first registration. Default 64.
    /// </summary>
    public int MaxEventsPerBatch { get; init; } = 64;
}
