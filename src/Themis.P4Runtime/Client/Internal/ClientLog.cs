using Microsoft.Extensions.Logging;

namespace Themis.P4Runtime.Client.Internal;

/// <summary>Source-generated log messages of the P4Runtime client; event ids 1000-1099.</summary>
internal static partial class ClientLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
        Message = "Connecting to P4Runtime server {Address} (device {DeviceId}, role '{Role}', election id {ElectionId})")]
    public static partial void Connecting(this ILogger logger, Uri address, ulong deviceId, string role, string electionId);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Connected to P4Runtime server {Address}: {Mastership}")]
    public static partial void Connected(this ILogger logger, Uri address, MastershipState mastership);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information,
        Message = "Mastership changed from {Previous} to {Current}")]
    public static partial void MastershipChanged(this ILogger logger, MastershipStatus previous, MastershipState current);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning,
        Message = "P4Runtime stream to {Address} lost: {Reason}")]
    public static partial void StreamLost(this ILogger logger, Uri address, string reason);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information,
        Message = "Reconnect attempt {Attempt} to {Address} in {Delay}")]
    public static partial void ReconnectScheduled(this ILogger logger, int attempt, Uri address, TimeSpan delay);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning,
        Message = "Reconnect attempt {Attempt} to {Address} failed: {Error}")]
    public static partial void ReconnectFailed(this ILogger logger, int attempt, Uri address, string error);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information,
        Message = "Reconnected to {Address} after {Attempts} attempt(s) and {Downtime}: {Mastership}")]
    public static partial void Reconnected(this ILogger logger, Uri address, int attempts, TimeSpan downtime, MastershipState mastership);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning,
        Message = "Inbound {Kind} queue full: dropped the oldest message ({Dropped} dropped so far); its consumer is too slow or not reading")]
    public static partial void InboundDropped(this ILogger logger, string kind, long dropped);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning,
        Message = "Server reported a stream error: {Code} {Message} (about {About})")]
    public static partial void StreamErrorReceived(this ILogger logger, Grpc.Core.StatusCode code, string message, string about);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Warning,
        Message = "Write of {BatchSize} update(s) failed: {Error}")]
    public static partial void WriteFailed(this ILogger logger, int batchSize, string error);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Debug,
        Message = "Ignoring stream message of kind {Kind}")]
    public static partial void UnhandledStreamMessage(this ILogger logger, string kind);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Error,
        Message = "A {EventName} event handler threw; the client carries on")]
    public static partial void EventHandlerFailed(this ILogger logger, string eventName, Exception exception);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning,
        Message = "The server refused a {Rpc} because this client is not primary: {ServerMessage}")]
    public static partial void NotPrimary(this ILogger logger, string rpc, string serverMessage);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Information,
        Message = "SetForwardingPipelineConfig {Action} (P4Info with {Tables} tables, device config of {DeviceConfigBytes} bytes, cookie {Cookie})")]
    public static partial void SettingPipeline(this ILogger logger, P4.V1.SetForwardingPipelineConfigRequest.Types.Action action, int tables, int deviceConfigBytes, string cookie);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Debug,
        Message = "Sending MasterArbitrationUpdate (device {DeviceId}, role '{Role}', election id {ElectionId})")]
    public static partial void SendingArbitration(this ILogger logger, ulong deviceId, string role, string electionId);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Debug,
        Message = "Writing to the P4Runtime stream failed; the stream will be reopened")]
    public static partial void StreamWriteFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1016, Level = LogLevel.Information,
        Message = "Stream to {Address} lost and reconnecting is disabled; the client stays disconnected")]
    public static partial void NotReconnecting(this ILogger logger, Uri address);

    [LoggerMessage(EventId = 1017, Level = LogLevel.Debug,
        Message = "P4Runtime client for {Address} disposed")]
    public static partial void Disposed(this ILogger logger, Uri address);
}
