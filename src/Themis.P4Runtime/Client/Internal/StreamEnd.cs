using Grpc.Core;

namespace Themis.P4Runtime.Client.Internal;

/// <summary>How a StreamChannel call ended.</summary>
/// <param name="Code">The final status (<see cref="StatusCode.Cancelled"/> when the client closed it).</param>
/// <param name="Reason">A readable explanation.</param>
/// <param name="ClosedByClient">True when the client itself closed the stream (dispose).</param>
/// <param name="Error">The exception that ended it, if any.</param>
internal sealed record StreamEnd(StatusCode Code, string Reason, bool ClosedByClient, Exception? Error);
