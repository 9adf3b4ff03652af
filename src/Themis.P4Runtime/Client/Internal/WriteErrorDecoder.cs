using System.Text;
using Google.Protobuf;
using Grpc.Core;
using P4.V1;
using RpcStatus = Google.Rpc.Status;

namespace Themis.P4Runtime.Client.Internal;

/// <summary>
/// Turns a failed Write into a <see cref="P4RuntimeWriteException"/>. Per the P4Runtime specification (section
/// "Error Reporting"), a server that rejects some updates of a batch answers with a google.rpc.Status in the
/// <c>grpc-status-details-bin</c> trailer whose details hold one packed p4.v1.Error per update, in batch order,
/// with canonical_code OK for the updates that succeeded.
/// </summary>
internal static class WriteErrorDecoder
{
    public const string StatusDetailsTrailer = "grpc-status-details-bin";

    /// <summary>The rich status in the trailers, or null when absent or not a valid google.rpc.Status.</summary>
    public static RpcStatus? TryGetStatus(Metadata? trailers)
    {
        Metadata.Entry? entry = trailers?.Get(StatusDetailsTrailer);
        if (entry is null || !entry.IsBinary)
        {
            return null;
        }

        try
        {
            return RpcStatus.Parser.ParseFrom(entry.ValueBytes);
        }
        catch (InvalidProtocolBufferException)
        {
            // The server's bytes are untrusted; a malformed status means "no per-update details".
            return null;
        }
    }

    /// <summary>
    /// The failed updates listed in <paramref name="status"/>. Details that are not a p4.v1.Error, and details
    /// beyond the batch, are counted in <paramref name="unusable"/> rather than thrown on.
    /// </summary>
    public static IReadOnlyList<UpdateFailure> DecodeFailures(RpcStatus status, IReadOnlyList<Update> updates, out int unusable)
    {
        var failures = new List<UpdateFailure>();
        unusable = 0;
        for (int i = 0; i < status.Details.Count; i++)
        {
            if (i >= updates.Count || !status.Details[i].TryUnpack(out Error error))
            {
                unusable++;
                continue;
            }

            if (error.CanonicalCode == (int)StatusCode.OK)
            {
                continue;
            }

            failures.Add(new UpdateFailure(i, updates[i], (StatusCode)error.CanonicalCode, error.Message, error.Space, error.Code));
        }

        return failures;
    }

    public static P4RuntimeWriteException ToException(
        RpcException exception,
        IReadOnlyList<Update> updates,
        WriteRequest.Types.Atomicity atomicity,
        P4InfoNames? names,
        string? context)
    {
        RpcStatus? status = TryGetStatus(exception.Trailers);
        int unusable = 0;
        IReadOnlyList<UpdateFailure> failures = status is null ? [] : DecodeFailures(status, updates, out unusable);
        string message = BuildMessage(exception.Status, failures, updates.Count, atomicity, unusable, status?.Details.Count ?? 0, names, context);
        return new P4RuntimeWriteException(exception.StatusCode, message, failures, updates.Count, atomicity, exception);
    }

    public static string BuildMessage(
        Status status,
        IReadOnlyList<UpdateFailure> failures,
        int batchSize,
        WriteRequest.Types.Atomicity atomicity,
        int unusableDetails,
        int detailCount,
        P4InfoNames? names,
        string? context)
    {
        var text = new StringBuilder();
        string updatesWord = batchSize == 1 ? "update" : "updates";
        if (failures.Count == 0)
        {
            text.Append($"P4Runtime Write of {batchSize} {updatesWord} was rejected: {CanonicalCodes.Name(status.StatusCode)}: {Detail(status)}.");
            if (status.StatusCode == StatusCode.PermissionDenied)
            {
                text.Append(" Only the primary controller may write: announce an election id above the current primary's, or wait for it to leave.");
            }
            else if (status.StatusCode == StatusCode.FailedPrecondition)
            {
                text.Append(" If no pipeline is installed yet, call SetForwardingPipelineConfig first.");
            }
        }
        else
        {
            string outcome = atomicity == WriteRequest.Types.Atomicity.ContinueOnError
                ? "the others were applied"
                : "the batch was not applied";
            text.Append($"P4Runtime Write failed for {failures.Count} of {batchSize} {updatesWord} ({AtomicityName(atomicity)}; {outcome}):");
            foreach (UpdateFailure failure in failures)
            {
                text.AppendLine();
                text.Append($"  [{failure.Index}] {failure.Update.Type.ToString().ToUpperInvariant()} {EntityDescriber.Describe(failure.Update.Entity, names)}: ");
                text.Append($"{CanonicalCodes.Name(failure.Code)}: {(failure.Message.Length == 0 ? "(no message)" : failure.Message)}");
                if (failure.Space.Length > 0 || failure.TargetCode != 0)
                {
                    text.Append($" [{failure.Space} {failure.TargetCode}]");
                }
            }
        }

        if (unusableDetails > 0)
        {
            text.AppendLine();
            text.Append($"  ({unusableDetails} of {detailCount} error details could not be matched to an update of the batch.)");
        }

        if (!string.IsNullOrEmpty(context))
        {
            text.AppendLine();
            text.Append("  ").Append(context);
        }

        return text.ToString();
    }

    private static string Detail(Status status) => string.IsNullOrEmpty(status.Detail) ? "(no message)" : status.Detail.TrimEnd('.');

    private static string AtomicityName(WriteRequest.Types.Atomicity atomicity) => atomicity switch
    {
        WriteRequest.Types.Atomicity.ContinueOnError => "CONTINUE_ON_ERROR",
        WriteRequest.Types.Atomicity.RollbackOnError => "ROLLBACK_ON_ERROR",
        WriteRequest.Types.Atomicity.DataplaneAtomic => "DATAPLANE_ATOMIC",
        _ => atomicity.ToString(),
    };
}
