namespace Themis.Controller;

/// <summary>How table writes are batched (JSON section <c>writes</c>).</summary>
public sealed record WriteConfig
{
    /// <summary><c>maxBatch</c>: updates per Write request at most. Default 256.</summary>
    public int MaxBatch { get; init; } = 256;

    /// <summary>
    /// <c>maxEventsPerBatch</c>: stream messages (daemon packets, CNP copies, digests) decided into one batch at
    /// most. A batch holds what arrived while the previous Write was out, so an idle controller writes each
    /// registration at once and a busy one writes bigger batches; this bound caps the batch (and the latency a
    /// burst adds to its first registration). Default 256, one full Write of <c>maxBatch</c> installs.
    /// </summary>
    public int MaxEventsPerBatch { get; init; } = 256;
}
