using System.Net.Http;
using Grpc.Core;
using Themis.P4Runtime;

namespace Themis.Cli.Connection;

/// <summary>Turns gRPC and client-library failures into <see cref="CliException"/>s with exit codes and advice.</summary>
internal static class SwitchErrors
{
    public static CliException FromRpc(RpcException ex, string what, CliSettings settings)
    {
        string detail = string.IsNullOrEmpty(ex.Status.Detail) ? "(no message)" : ex.Status.Detail.TrimEnd('.');
        return ex.StatusCode switch
        {
            StatusCode.Unavailable => Unreachable(settings, detail, ex),
            StatusCode.DeadlineExceeded => new CliException(
                ExitCodes.Unreachable,
                $"{what}: the switch at {Show(settings)} did not answer within {settings.Timeout.TotalSeconds:0.###} s. Raise --timeout if it is slow.",
                status: ex.StatusCode, innerException: ex),
            StatusCode.NotFound => new CliException(ExitCodes.NotFound, $"{what}: NOT_FOUND: {detail}. Check --device-id ({settings.DeviceId}) and the names.", status: ex.StatusCode, innerException: ex),
            StatusCode.FailedPrecondition => new CliException(
                ExitCodes.Refused, $"{what}: FAILED_PRECONDITION: {detail}. Has a controller loaded a pipeline on device {settings.DeviceId}?", status: ex.StatusCode, innerException: ex),
            _ => new CliException(ExitCodes.Refused, $"{what}: {Name(ex.StatusCode)}: {detail}.", status: ex.StatusCode, innerException: ex),
        };
    }

    public static CliException FromClient(P4RuntimeException ex, string what, CliSettings settings)
    {
        if (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded || ex.InnerException is HttpRequestException)
        {
            return new CliException(ExitCodes.Unreachable, $"{what}: {ex.Message}", status: ex.StatusCode, innerException: ex);
        }

        if (ex is P4RuntimeWriteException write && write.Failures.Count > 0 && write.Failures.All(f => f.Code == StatusCode.NotFound))
        {
            return new CliException(ExitCodes.NotFound, $"{what}: {ex.Message}", status: StatusCode.NotFound, innerException: ex);
        }

        return new CliException(ExitCodes.Refused, $"{what}: {ex.Message}", status: ex.StatusCode, innerException: ex);
    }

    public static CliException Unreachable(CliSettings settings, string detail, Exception? inner = null) => new(
        ExitCodes.Unreachable,
        $"Cannot reach the switch at {Show(settings)}: {detail}. Check that it is running and serves P4Runtime there "
        + "(--address; BMv2 simple_switch_grpc listens on 9559 unless --grpc-server-addr says otherwise).",
        status: StatusCode.Unavailable,
        innerException: inner);

    public static string Show(CliSettings settings) => settings.Address.ToString().TrimEnd('/');

    /// <summary>The canonical upper-case gRPC code name (UNIMPLEMENTED, ...).</summary>
    public static string Name(StatusCode code) => code switch
    {
        StatusCode.OK => "OK",
        StatusCode.Cancelled => "CANCELLED",
        StatusCode.Unknown => "UNKNOWN",
        StatusCode.InvalidArgument => "INVALID_ARGUMENT",
        StatusCode.DeadlineExceeded => "DEADLINE_EXCEEDED",
        StatusCode.NotFound => "NOT_FOUND",
        StatusCode.AlreadyExists => "ALREADY_EXISTS",
        StatusCode.PermissionDenied => "PERMISSION_DENIED",
        StatusCode.ResourceExhausted => "RESOURCE_EXHAUSTED",
        StatusCode.FailedPrecondition => "FAILED_PRECONDITION",
        StatusCode.Aborted => "ABORTED",
        StatusCode.OutOfRange => "OUT_OF_RANGE",
        StatusCode.Unimplemented => "UNIMPLEMENTED",
        StatusCode.Internal => "INTERNAL",
        StatusCode.Unavailable => "UNAVAILABLE",
        StatusCode.DataLoss => "DATA_LOSS",
        StatusCode.Unauthenticated => "UNAUTHENTICATED",
        _ => code.ToString(),
    };
}
