using Grpc.Core;
using P4.V1;

namespace Themis.P4Runtime;

/// <summary>
/// A Write was rejected. <see cref="Failures"/> lists every update the server reported as failed (decoded from
/// the p4.v1.Error details of the call's google.rpc.Status); it is empty when the server rejected the batch as a
/// whole (not primary, no pipeline, bad device id), in which case <see cref="P4RuntimeException.StatusCode"/> says why.
/// </summary>
public sealed class P4RuntimeWriteException : P4RuntimeException
{
    public P4RuntimeWriteException()
    {
    }

    public P4RuntimeWriteException(string message)
        : base(message)
    {
    }

    public P4RuntimeWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public P4RuntimeWriteException(
        StatusCode statusCode,
        string message,
        IReadOnlyList<UpdateFailure> failures,
        int batchSize,
        WriteRequest.Types.Atomicity atomicity,
        Exception? innerException)
        : base(statusCode, message, innerException)
    {
        Failures = failures;
        BatchSize = batchSize;
        Atomicity = atomicity;
    }

    /// <summary>The failed updates, in batch order; updates not listed succeeded (unless the batch was rolled back).</summary>
    public IReadOnlyList<UpdateFailure> Failures { get; } = [];

    /// <summary>Number of updates in the batch.</summary>
    public int BatchSize { get; }

    /// <summary>The atomicity the batch was sent with.</summary>
    public WriteRequest.Types.Atomicity Atomicity { get; }
}
