using Grpc.Core;

namespace Themis.P4Runtime;

/// <summary>
/// A P4Runtime call failed: the server answered with an error status, the deadline passed, or the server
/// could not be reached. <see cref="StatusCode"/> tells which; the message says what to do.
/// </summary>
public class P4RuntimeException : Exception
{
    public P4RuntimeException()
    {
    }

    public P4RuntimeException(string message)
        : base(message)
    {
    }

    public P4RuntimeException(string message, Exception innerException)
        : base(message, innerException)
    {
        if (innerException is RpcException rpc)
        {
            StatusCode = rpc.StatusCode;
            ServerMessage = rpc.Status.Detail ?? "";
        }
    }

    public P4RuntimeException(StatusCode statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ServerMessage = (innerException as RpcException)?.Status.Detail ?? "";
    }

    /// <summary>The gRPC status of the failed call (<see cref="StatusCode.Unknown"/> when there was none).</summary>
    public StatusCode StatusCode { get; } = StatusCode.Unknown;

    /// <summary>The server's own status message, empty when the failure was local.</summary>
    public string ServerMessage { get; } = "";

    /// <summary>True when the server refused the call because this client is not the primary controller.</summary>
    public bool IsNotPrimary => StatusCode == StatusCode.PermissionDenied;

    /// <summary>True for failures that a retry after reconnecting may cure (server unreachable, deadline).</summary>
    public bool IsTransient => StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded;
}
